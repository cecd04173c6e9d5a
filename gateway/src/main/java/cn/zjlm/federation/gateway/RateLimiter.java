package cn.zjlm.federation.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Requests per client address in fixed windows: a client over the limit waits until its window
 * ends. Addresses, not tokens, because a token is only checked after the limit (and a caller could
 * rotate tokens).
 */
@ApplicationScoped
public class RateLimiter {
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Inject
    GatewayConfig config;

    LongSupplier clock = System::currentTimeMillis;

    /** A client's current window: when it began and the requests in it (changed in place, not replaced per request). */
    private static final class Window {
        private long start;
        private long requests;

        Window(long start) {
            this.start = start;
        }
    }

    /** 0 when the request may pass, else the seconds until the client may try again. */
    public long secondsToWait(String client) {
        long now = clock.getAsLong();
        long window = config.rateLimit().window().toMillis();
        Window state = windows.computeIfAbsent(client, k -> new Window(now));
        long start;
        long requests;
        synchronized (state) {
            if (now - state.start >= window) {
                state.start = now;
                state.requests = 0;
            }
            start = state.start;
            requests = ++state.requests;
        }
        if (windows.size() > 100_000) {
            windows.values().removeIf(w -> now - w.start >= window); // forget clients whose window is over
        }
        if (requests <= config.rateLimit().requests()) {
            return 0;
        }
        return Math.max(1, Duration.ofMillis(start + window - now).toSeconds() + 1);
    }
}
