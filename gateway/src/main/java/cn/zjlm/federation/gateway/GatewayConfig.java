package cn.zjlm.federation.gateway;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.List;
import java.util.Map;

@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {
    /** Upstream services by name, each with the path prefixes it serves. */
    Map<String, Route> routes();

    /** How long to wait for an upstream's response headers before answering 504. */
    Duration upstreamTimeout();

    /**
     * Writes that may take minutes (a province-wide cycle's generation or approval, a 32 MB upload): waited for
     * this long, so the client does not get a 504 while the work goes on and commits.
     */
    LongRunning longRunning();

    interface LongRunning {
        /** Path prefixes whose writes (not reads) are long-running. */
        List<String> prefixes();

        Duration timeout();
    }

    /** Requests each client address may make to /api per window; more get 429 with Retry-After. */
    RateLimit rateLimit();

    /** Tokens verified once are taken as valid until they expire, at most for {@code ttl} ({@link VerifiedTokens}). */
    TokenCache tokenCache();

    /** The gateway's access log ({@link AccessLog}): one line per request but health probes. */
    AccessLogSettings accessLog();

    interface AccessLogSettings {
        @io.smallrye.config.WithDefault("true")
        boolean enabled();
    }

    interface TokenCache {
        /** Tokens remembered at most; 0 verifies every request. */
        @io.smallrye.config.WithDefault("10000")
        int size();

        /** The longest a verified token is remembered, however long it is valid. */
        @io.smallrye.config.WithDefault("PT1M")
        Duration ttl();
    }

    interface RateLimit {
        @io.smallrye.config.WithDefault("6000")
        int requests();

        @io.smallrye.config.WithDefault("PT1M")
        Duration window();
    }

    interface Route {
        String url();

        List<String> prefixes();
    }
}
