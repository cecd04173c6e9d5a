package cn.zjlm.federation.local;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Access tokens shaped like the federation realm's, signed with a test-only key whose public half
 * the services trust in their test profile. For @QuarkusTest; end-to-end tests use real Keycloak.
 */
public final class TestTokens {
    public static final String ISSUER = "https://test.federation.local/realms/federation";
    public static final String AUDIENCE = "federation-platform";
    private static final PrivateKey KEY = loadKey();

    private TestTokens() {
    }

    public static String token(String username, String association, String... roles) {
        return claims(username, association, roles).sign(KEY);
    }

    /** Claims of a normal token, for tests that alter one thing (expiry, audience, issuer). */
    public static JwtClaimsBuilder claims(String username, String association, String... roles) {
        JwtClaimsBuilder builder = Jwt.issuer(ISSUER)
                .subject(UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString())
                .audience(AUDIENCE)
                .claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .expiresIn(600);
        return association == null ? builder : builder.claim("association", association);
    }

    public static String sign(JwtClaimsBuilder claims) {
        return claims.sign(KEY);
    }

    private static PrivateKey loadKey() {
        try (InputStream in = TestTokens.class.getResourceAsStream("/test-tokens/private-key.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("test signing key unreadable", e);
        }
    }
}
