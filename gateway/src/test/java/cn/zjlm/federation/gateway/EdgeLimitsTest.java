package cn.zjlm.federation.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.zjlm.federation.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
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
}
