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
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    @Inject
    GatewayConfig config;

    LongSupplier clock = System::currentTimeMillis;

    /** 0 when the request may pass, else the seconds until the client may try again. */
    public long secondsToWait(String client) {
        long now = clock.getAsLong();
        long window = config.rateLimit().window().toMillis();
        long[] state = windows.compute(client, (k, w) -> w == null || now - w[0] >= window
                ? new long[] {now, 1} : new long[] {w[0], w[1] + 1});
        if (windows.size() > 100_000) {
            windows.values().removeIf(w -> now - w[0] >= window); // forget clients whose window is over
        }
        if (state[1] <= config.rateLimit().requests()) {
            return 0;
        }
        return Math.max(1, Duration.ofMillis(state[0] + window - now).toSeconds() + 1);
    }
}
