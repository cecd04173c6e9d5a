package cn.zjlm.federation.gateway;

import cn.zjlm.federation.commons.text.Sha256;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Tokens the gateway has verified (signature, issuer, audience, expiry), remembered by their SHA-256 until they
 * expire, at most for the configured time-to-live: parsing a Keycloak token and checking its RS256 signature on
 * every request was most of the gateway's work under load (docs/performance.md). What is remembered is only that a
 * token was valid until then, never the token; the services verify every token themselves and authorize.
 */
@ApplicationScoped
public class VerifiedTokens {
    private final Map<String, Long> validUntil = new ConcurrentHashMap<>();

    @Inject
    GatewayConfig config;

    @Inject
    MeterRegistry registry;

    LongSupplier clock = System::currentTimeMillis;

    private Counter remembered;
    private Counter verified;

    @PostConstruct
    void meters() {
        remembered = Counter.builder("gateway.token.checks").tag("result", "remembered")
                .description("Bearer tokens taken as valid from an earlier verification").register(registry);
        verified = Counter.builder("gateway.token.checks").tag("result", "verified")
                .description("Bearer tokens verified with the provider's keys").register(registry);
    }

    /** True when the token was verified before and has not expired since. */
    public boolean isRemembered(String token) {
        if (config.tokenCache().size() <= 0) {
            return false;
        }
        String key = key(token);
        Long until = validUntil.get(key);
        if (until == null) {
            return false;
        }
        if (until <= clock.getAsLong()) {
            validUntil.remove(key, until);
            return false;
        }
        remembered.increment();
        return true;
    }

    /** Remembers a token just verified as {@code identity}, until its expiry or the time-to-live, whichever is first. */
    public void remember(String token, SecurityIdentity identity) {
        verified.increment();
        if (config.tokenCache().size() <= 0 || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || jwt.getExpirationTime() <= 0) {
            return;
        }
        long now = clock.getAsLong();
        long until = Math.min(jwt.getExpirationTime() * 1000, now + config.tokenCache().ttl().toMillis());
        if (until <= now) {
            return;
        }
        if (validUntil.size() >= config.tokenCache().size()) {
            validUntil.values().removeIf(t -> t <= now);
            if (validUntil.size() >= config.tokenCache().size()) {
                validUntil.clear(); // a flood of distinct tokens: start again rather than grow
            }
        }
        validUntil.put(key(token), until);
    }

    private static String key(String token) {
        return Sha256.hex(token.getBytes(StandardCharsets.US_ASCII));
    }
}
