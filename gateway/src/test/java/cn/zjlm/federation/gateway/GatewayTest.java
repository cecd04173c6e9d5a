package cn.zjlm.federation.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import cn.zjlm.federation.local.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EchoUpstreams.class)
class GatewayTest {
    @Inject
    InMemorySpanExporter spans;

    private static final String HZ = TestTokens.token("hz-staff", "330100", "city-staff");

    @Test
    void anonymousAndForgedTokensAreRefusedWithProblemDetails() {
        given().get("/api/v1/members").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer").body("code", equalTo("unauthorized"));
        String[] parts = HZ.split("\\.");
        String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA." + parts[2];
        given().auth().oauth2(forged).get("/api/v1/members").then().statusCode(401)
                .contentType("application/problem+json");
        String none = parts[0].replace(parts[0], java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes())) + "." + parts[1] + ".";
        given().auth().oauth2(none).get("/api/v1/members").then().statusCode(401);
        given().auth().oauth2(TestTokens.sign(TestTokens.claims("hz-staff", "330100", "city-staff").expiresAt(1000)))
                .get("/api/v1/members").then().statusCode(401);
        given().auth().oauth2(TestTokens.sign(TestTokens.claims("hz-staff", "330100", "city-staff").audience("x")))
                .get("/api/v1/members").then().statusCode(401);
        given().auth().oauth2(TestTokens.sign(TestTokens.claims("hz-staff", "330100", "city-staff").issuer("https://evil")))
                .get("/api/v1/members").then().statusCode(401);
    }

    @Inject
    ProxyRoutes routes;

    @Test
    void writesThatTakeMinutesAreWaitedForAsLongAsTheServiceGivesThem() {
        // a province-wide cycle's approval has ten minutes in care-service: a 504 at 30 s would hide its outcome
        assertThat(routes.timeoutFor(io.vertx.core.http.HttpMethod.POST, "/api/v1/care/cycles/c/approval"))
                .isEqualTo(Duration.ofMinutes(11).toMillis());
        assertThat(routes.timeoutFor(io.vertx.core.http.HttpMethod.POST, "/api/v1/members/imports"))
                .isEqualTo(Duration.ofMinutes(11).toMillis());
        assertThat(routes.timeoutFor(io.vertx.core.http.HttpMethod.GET, "/api/v1/care/cycles/c")).isEqualTo(30_000);
        assertThat(routes.timeoutFor(io.vertx.core.http.HttpMethod.POST, "/api/v1/care/cases")).isEqualTo(30_000);
    }

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Inject
    VerifiedTokens verifiedTokens;

    private double tokenChecks(String result) {
        return registry.find("gateway.token.checks").tag("result", result).counter().count();
    }

    @Test
    void aVerifiedTokenIsRememberedUntilItExpiresAndNoLonger() {
        long now = System.currentTimeMillis() / 1000;
        String shortLived = TestTokens.sign(TestTokens.claims("hz-staff", "330100", "city-staff").issuedAt(now)
                .expiresAt(now + 3));
        double verified = tokenChecks("verified");
        double remembered = tokenChecks("remembered");
        given().auth().oauth2(shortLived).get("/api/v1/members").then().statusCode(200);
        given().auth().oauth2(shortLived).get("/api/v1/members").then().statusCode(200);
        assertThat(tokenChecks("verified") - verified).as("verified with the keys once").isEqualTo(1);
        assertThat(tokenChecks("remembered") - remembered).as("then taken from memory").isEqualTo(1);
        // once expired it is verified again, and refused
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().auth().oauth2(shortLived).get("/api/v1/members").then().statusCode(401));
        assertThat(verifiedTokens.isRemembered(shortLived)).isFalse();
        // a token altered by one character is another token: verified, and refused
        String[] parts = shortLived.split("\\.");
        String altered = parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? 'B' : 'A') + parts[2].substring(1);
        given().auth().oauth2(altered).get("/api/v1/members").then().statusCode(401);
    }

    @Test
    void validCallsReachTheServiceWithTokenAndCorrelationId() {
        given().auth().oauth2(HZ).header("X-Correlation-Id", "trace-42").get("/api/v1/members/abc?page=2")
                .then().statusCode(200).header("X-Correlation-Id", "trace-42")
                .body("uri", equalTo("/api/v1/members/abc?page=2")).body("authorization", equalTo(true))
                .body("correlationId", equalTo("trace-42"));
        given().auth().oauth2(HZ).get("/api/v1/events/volunteers").then().statusCode(200)
                .header("X-Correlation-Id", notNullValue()).body("correlationId", notNullValue());
    }

    @Inject
    AccessLog accessLog;

    @Test
    void everyRequestButHealthProbesIsLoggedWithItsCorrelationIdInBatches() {
        var out = new java.io.ByteArrayOutputStream();
        var console = accessLog.sink;
        accessLog.flush();
        accessLog.sink = out;
        try {
            given().auth().oauth2(HZ).header("X-Correlation-Id", "trace-log-7").get("/api/v1/members/logged?page=1")
                    .then().statusCode(200);
            given().get("/api/v1/members/anonymous").then().statusCode(401);
            given().get("/q/health/live").then().statusCode(200);
            given().get("/api/v1/members/after-the-probe").then().statusCode(401);
            // lines are written in order, so once the last one is out the probe's would be too
            await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("/api/v1/members/after-the-probe"));
            List<String> lines = out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("INFO  [access] ")
                    .contains("\"GET /api/v1/members/logged?page=1 HTTP/1.1\" 200 ").containsPattern(" [0-9]+ ms ")
                    .endsWith("correlationId=trace-log-7"));
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("/api/v1/members/anonymous HTTP/1.1\" 401 "));
            assertThat(lines).noneMatch(line -> line.contains("/q/health"));
        } finally {
            accessLog.sink = console;
        }
    }

    @Test
    void aJsonAccessLineIsValidJsonWhateverThePathHolds() throws Exception {
        boolean json = accessLog.json;
        accessLog.json = true;
        try {
            String line = accessLog.line(1_764_752_400_007L, "10.0.0.1", "GET", "/api/v1/x?q=\"a\\b\u0001", "HTTP/1.1",
                    200, 512, 3, "c-1", "4bf92f3577b34da6a3ce929d0e0e4736", false);
            assertThat(line).endsWith("}\n");
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
            assertThat(node.get("timestamp").asText()).isEqualTo("2025-12-03T09:00:00.007Z");
            assertThat(node.get("uri").asText()).isEqualTo("/api/v1/x?q=\"a\\b\u0001");
            assertThat(node.get("status").asInt()).isEqualTo(200);
            assertThat(node.get("durationMs").asInt()).isEqualTo(3);
            assertThat(node.get("correlationId").asText()).isEqualTo("c-1");
            assertThat(node.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(node.get("sampled").asBoolean(true)).as("not sampled: not in the tracing backend").isFalse();
            assertThat(node.get("loggerName").asText()).isEqualTo("access");
        } finally {
            accessLog.json = json;
        }
    }

    @Test
    void theCallersTraceContinuesThroughTheGatewayIntoTheService() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";
        var response = given().auth().oauth2(HZ).header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .get("/api/v1/members/traced").then().statusCode(200).extract();
        String upstream = response.path("traceparent");
        assertThat(response.header("traceresponse")).startsWith("00-" + traceId + "-");
        String[] forwarded = upstream.split("-");
        assertThat(forwarded[1]).isEqualTo(traceId);
        // The service's parent is the gateway's own client span, not the caller's span passed through.
        assertThat(forwarded[2]).isNotEqualTo(callerSpan);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<SpanData> trace = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(traceId)).toList();
            assertThat(trace).extracting(SpanData::getKind).contains(SpanKind.SERVER, SpanKind.CLIENT);
            SpanData server = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().get();
            SpanData client = trace.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().get();
            assertThat(server.getParentSpanId()).isEqualTo(callerSpan);
            assertThat(server.getName()).as("named after the service's prefix").isEqualTo("GET /api/v1/members");
            assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
            assertThat(client.getSpanId()).isEqualTo(forwarded[2]);
            assertThat(response.header("traceresponse")).isEqualTo("00-" + traceId + "-" + server.getSpanId() + "-01");
        });
    }

    @Test
    void requestBodiesAreStreamedThroughIntact() throws Exception {
        byte[] body = new byte[1 << 20];
        new Random(7).nextBytes(body);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        given().auth().oauth2(HZ).contentType("application/octet-stream").body(body).post("/api/v1/honors/upload")
                .then().statusCode(200).body("method", equalTo("POST")).body("length", equalTo(body.length))
                .body("sha256", equalTo(sha));
    }

    @Test
    void aServiceThatIsDownIsA503ProblemNotAHang() {
        given().auth().oauth2(HZ).get("/api/v1/care/programmes").then().statusCode(503)
                .contentType("application/problem+json").body("code", equalTo("service-unavailable"))
                .body("detail", equalTo("The care service is not reachable right now; retry shortly."));
    }

    @Test
    void unknownApiPathsAreProblemNotFound() {
        given().auth().oauth2(HZ).get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aPrefixIsAWholePathSegmentAndDotSegmentsCannotReachAroundTheTokenCheck() throws Exception {
        given().auth().oauth2(HZ).get("/api/v1/membersx").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(HZ).get("/api/v1/members/").then().statusCode(200)
                .body("uri", equalTo("/api/v1/members/"));
        // the service gets the path as the gateway routed and checked it
        var http = java.net.http.HttpClient.newHttpClient();
        var resolved = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI
                + ":" + io.restassured.RestAssured.port + "/api/v1/public/certificates/x/%2e%2e/verify/A1?lang=zh"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(resolved.body()).contains("\"uri\":\"/api/v1/public/certificates/verify/A1?lang=zh\"");
        // Routing goes by the normalized path, so the public check must too: these are member reads, not public.
        for (String path : List.of("/api/v1/public/../members/m1", "/api/v1/public/%2e%2e/members/m1",
                "/api/v1/public/certificates/../../members/m1")) {
            var response = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + path))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.body()).as(path).contains("\"unauthorized\"").doesNotContain("\"uri\"");
        }
    }

    @Test
    void aClientCannotChooseTheAddressServicesSeeInXForwardedFor() {
        // public endpoints rate-limit per address: a forged X-Forwarded-For must not reach the service
        given().header("X-Forwarded-For", "203.0.113.7").get("/api/v1/public/certificates/verify/ABC123").then()
                .statusCode(200).body("forwardedFor", equalTo("127.0.0.1"));
        // nor any other forwarding header services trust (Location's port, the path prefix, the client's address)
        given().header("X-Forwarded-Port", "4444").header("X-Forwarded-Prefix", "/evil").header("X-Forwarded-Ssl", "on")
                .header("Forwarded", "for=203.0.113.7;host=evil.example").header("X-Real-IP", "203.0.113.7")
                .get("/api/v1/public/certificates/verify/ABC123").then().statusCode(200).body("forwardedElse", equalTo(""));
    }

    @Test
    void metricsNeedAnOpsToken() {
        given().get("/q/metrics").then().statusCode(401);
        given().auth().oauth2(HZ).get("/q/metrics").then().statusCode(403);
        given().auth().oauth2(TestTokens.token("ops", "330000", "ops")).get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void healthPublicEndpointsAndTheMergedOpenApiNeedNoToken() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/api/v1/public/certificates/verify/ABC123").then().statusCode(200)
                .body("authorization", equalTo(false));
        given().get("/openapi").then().statusCode(200).body("paths.keySet()", hasItem("/api/v1/echo"))
                .body("components.schemas.Echo.type", equalTo("object"))
                .body("x-unavailable-services", hasItem("care"));
    }

    @Test
    void configuredFrontendsMayCallCrossOriginOthersMayNot() {
        given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/v1/members").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173");
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/members").then()
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }
}
