package cn.zjlm.federation.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.zjlm.federation.local.TestTokens;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's own limits: body size (413) and requests per client address (429 with Retry-After). */
@QuarkusTest
@TestProfile(EdgeLimitsTest.LowLimits.class)
class EdgeLimitsTest {
    private static final String HZ = TestTokens.token("hz-staff", "330100", "city-staff");

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.rate-limit.requests", "5", "gateway.rate-limit.window", "PT1M",
                    "quarkus.http.limits.max-body-size", "1K");
        }
    }

    @Test
    void anOversizedBodyIs413AndAClientOverItsRateIs429WithRetryAfter() {
        given().auth().oauth2(HZ).contentType("application/json").body("{\"x\":\"" + "a".repeat(4096) + "\"}")
                .post("/api/v1/members").then().statusCode(413).contentType("application/problem+json")
                .body("code", equalTo("payload-too-large"));
        int passed = 1; // the request above counted too
        while (given().auth().oauth2(HZ).get("/api/v1/members").statusCode() == 200) {
            passed++;
            assertThat(passed).as("the limit stops the client").isLessThanOrEqualTo(5);
        }
        assertThat(passed).isEqualTo(5);
        var refused = given().auth().oauth2(HZ).get("/api/v1/members").then().statusCode(429)
                .contentType("application/problem+json").body("code", equalTo("too-many-requests")).extract();
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 61);
        // health stays reachable for probes
        given().get("/q/health/live").then().statusCode(200);
    }

    @Inject
    RateLimiter limiter;

    @Test
    void endedWindowsAreSweptOnceAWindowAtMostWhenManyAddressesAreHeld() {
        RateLimiter instance = ClientProxy.unwrap(limiter);
        long window = 60_000;
        long t0 = System.currentTimeMillis() - 10 * window; // ended by the real clock, for the other test
        long[] now = {t0};
        instance.clock = () -> now[0];
        try {
            fill("a", 100_001); // swept here once, nothing ended yet
            now[0] = t0 + window / 2;
            fill("b", 100_001); // no sweep: the last was half a window ago
            now[0] = t0 + window; // a's windows ended
            instance.secondsToWait("c");
            assertThat(instance.tracked()).as("a's swept, b's kept").isBetween(100_001, 100_002);
            now[0] = t0 + window + window / 2; // b's ended too, but the last sweep was half a window ago
            instance.secondsToWait("d");
            assertThat(instance.tracked()).as("not swept again within a window").isGreaterThan(100_000);
            now[0] = t0 + 2 * window;
            instance.secondsToWait("e");
            assertThat(instance.tracked()).as("swept a window later").isLessThan(10);
        } finally {
            instance.clock = System::currentTimeMillis;
        }
    }

    private void fill(String prefix, int addresses) {
        for (int i = 0; i < addresses; i++) {
            limiter.secondsToWait(prefix + i);
        }
    }
}
