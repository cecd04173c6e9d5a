package cn.zjlm.federation.local;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The token checks every service and the gateway must pass (issue: prove security): no token, an
 * unsigned one (alg none), a tampered one, one signed by another key, wrong issuer, wrong audience,
 * expired, not yet valid → 401; a valid token whose roles lack the function → 403; a valid one → not
 * refused. Run from each module's tests against one of its own endpoints.
 */
public final class TokenChecks {
    private TokenChecks() {
    }

    /**
     * @param path an endpoint Hangzhou city staff may GET
     * @param lackingRole a role that may not call it (null where only authentication is checked, as at the gateway)
     * @return a description of every case whose status was wrong; empty when all passed
     */
    public static Map<String, String> failures(Supplier<RequestSpecification> request, String path,
            String lackingRole) {
        String allowed = TestTokens.token("hz-staff", "330100", "city-staff");
        String[] parts = allowed.split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"hz-staff\"", "\"zj-admin\"").replace("city-staff", "province-admin")
                        .getBytes(StandardCharsets.UTF_8));
        long now = Instant.now().getEpochSecond();

        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("alg none", header + "." + parts[1] + ".");
        tokens.put("tampered payload", parts[0] + "." + tampered + "." + parts[2]);
        tokens.put("another key", TestTokens.claims("hz-staff", "330100", "city-staff").sign(otherKey()));
        tokens.put("wrong issuer", TestTokens.sign(TestTokens.claims("hz-staff", "330100", "city-staff")
                .issuer("https://evil.example/realms/federation")));
        tokens.put("wrong audience", TestTokens.sign(TestTokens.claims("hz-staff", "330100", "city-staff")
                .audience("another-platform")));
        tokens.put("expired", TestTokens.sign(TestTokens.claims("hz-staff", "330100", "city-staff")
                .issuedAt(now - 3600).expiresAt(now - 600)));
        tokens.put("not yet valid", TestTokens.sign(TestTokens.claims("hz-staff", "330100", "city-staff")
                .claim("nbf", now + 3600).expiresAt(now + 7200)));

        Map<String, String> failures = new LinkedHashMap<>();
        expect(failures, "no token", request.get().get(path).statusCode(), 401);
        tokens.forEach((name, token) -> expect(failures, name,
                request.get().auth().oauth2(token).get(path).statusCode(), 401));
        if (lackingRole != null) {
            expect(failures, "role without the function", request.get().auth()
                    .oauth2(TestTokens.token("hz-other", "330100", lackingRole)).get(path).statusCode(), 403);
        }
        int ok = request.get().auth().oauth2(allowed).get(path).statusCode();
        if (ok == 401 || ok == 403) {
            failures.put("valid token", "refused with " + ok);
        }
        return failures;
    }

    public static Map<String, String> failures(String path, String lackingRole) {
        return failures(() -> given(), path, lackingRole);
    }

    private static void expect(Map<String, String> failures, String name, int status, int expected) {
        if (status != expected) {
            failures.put(name, "answered " + status + ", expected " + expected);
        }
    }

    private static PrivateKey otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
