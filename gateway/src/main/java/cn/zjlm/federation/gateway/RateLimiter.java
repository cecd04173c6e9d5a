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
    /** When ended windows were last swept (see {@link #secondsToWait}). */
    private volatile long lastSweep = Long.MIN_VALUE / 2;

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

    /** Client addresses held (tests). */
    int tracked() {
        return windows.size();
    }

    /**
     * Whom a request counts against: an IPv4 address, or an IPv6 address's /64, the network one subscriber is given,
     * whose hosts pick new addresses in it at will (keyed per address, a client could rotate past the limit).
     */
    static String clientKey(String address) {
        if (address == null) {
            return "unknown";
        }
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(address).getAddress(); // a literal: no lookup
            return bytes.length == 16 ? java.util.HexFormat.of().formatHex(bytes, 0, 8) + "::/64" : address;
        } catch (java.net.UnknownHostException e) {
            return address;
        }
    }

    /** 0 when the request may pass, else the seconds until the client may try again. */
    public long secondsToWait(String client) {
        long now = clock.getAsLong();
        long window = config.rateLimit().window().toMillis();
        // counted inside compute, atomically per client, so an eviction cannot take a window being counted
        long[] seen = new long[2]; // start and count as this request left them
        windows.compute(client, (k, w) -> {
            Window current = w == null ? new Window(now) : w;
            if (now - current.start >= window) {
                current.start = now;
                current.requests = 0;
            }
            seen[0] = current.start;
            seen[1] = ++current.requests;
            return current;
        });
        long start = seen[0];
        long requests = seen[1];
        // ended windows are swept when many addresses are held, once per window at most: a sweep walks them all,
        // on the gateway's one event loop
        if (windows.size() > 100_000 && now - lastSweep >= window) {
            lastSweep = now;
            windows.keySet().forEach(k -> windows.computeIfPresent(k, (key, w) -> now - w.start >= window ? null : w));
        }
        if (requests <= config.rateLimit().requests()) {
            return 0;
        }
        return Math.max(1, Duration.ofMillis(start + window - now).toSeconds() + 1);
    }
}
