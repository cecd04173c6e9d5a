package cn.zjlm.federation.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * OWASP API1 (BOLA) and API5 (BFLA): every operation of the merged OpenAPI document, called through the gateway
 * with real Keycloak tokens by every kind of caller, on objects owned by 萧山区 (330109), answers as
 * docs/authorization-matrix.md says. An operation without a row there fails the build.
 */
class AuthorizationMatrixIT {
    static final Path MATRIX = PlatformSettings.findRepositoryRoot().resolve("docs/authorization-matrix.md");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROW = Pattern.compile("^\\| `(GET|POST|PUT|PATCH|DELETE) ([^`]+)` \\|(.*)\\|\\s*$");
    /** A version no record has: writes that pass authorization stop at the precondition, changing nothing. */
    private static final String STALE_VERSION = "\"999999\"";

    /** Operations that end an object others use (a cancelled activity takes no sign-ups): called last. */
    private static final Set<String> ENDINGS = Set.of("POST /api/v1/events/activities/{id}/cancellation",
            "POST /api/v1/events/activities/{id}/completion");

    /** The matrix's columns, and how each caller gets its token (null: no token). */
    static final Map<String, Supplier<String>> CALLERS = callers();

    private static Map<String, Supplier<String>> callers() {
        Map<String, Supplier<String>> callers = new LinkedHashMap<>();
        callers.put("anonymous", () -> null);
        callers.put("member", () -> E2E.token("lm-chen"));
        callers.put("county", () -> E2E.token("xs-staff"));
        callers.put("city", () -> E2E.token("hz-staff"));
        callers.put("other-city", () -> E2E.token("hu-staff"));
        callers.put("finance", () -> E2E.token("hz-finance"));
        callers.put("reviewer", () -> E2E.token("reviewer"));
        callers.put("province", () -> E2E.token("zj-admin"));
        callers.put("gov-system", () -> E2E.clientToken("gov-registry", "gov-registry-demo-secret"));
        return callers;
    }

    /** Operation ("POST /api/v1/…") → caller → expected answer (400, 401, 403, 404 or ok), in the document's order. */
    static Map<String, Map<String, String>> readMatrix() throws Exception {
        Map<String, Map<String, String>> matrix = new LinkedHashMap<>();
        List<String> columns = new ArrayList<>(CALLERS.keySet());
        for (String line : Files.readAllLines(MATRIX)) {
            Matcher m = ROW.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String[] cells = m.group(3).split("\\|");
            assertThat(cells).as("cells of " + line).hasSize(columns.size());
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < cells.length; i++) {
                String cell = cells[i].trim();
                assertThat(cell).as(line).isIn("400", "401", "403", "404", "ok");
                row.put(columns.get(i), cell);
            }
            assertThat(matrix.put(m.group(1) + " " + m.group(2), row)).as("duplicate row " + line).isNull();
        }
        return matrix;
    }

    /** The merged OpenAPI document's operations, "METHOD /path" → operation object. */
    static Map<String, JsonNode> operations() throws Exception {
        JsonNode openApi = JSON.readTree(given().baseUri(E2E.gateway()).accept("application/json").get("/openapi")
                .then().statusCode(200).extract().asString());
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        openApi.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (Set.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                operations.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
            }
        }));
        return operations;
    }

    /** A valid request (body, query, headers) per operation, with fixture placeholders. */
    static JsonNode requests() throws Exception {
        return JSON.readTree(AuthorizationMatrixIT.class.getResourceAsStream("/authorization/requests.json"));
    }

    @Test
    void everyOperationAnswersEveryKindOfCallerAsTheMatrixSays() throws Exception {
        Map<String, JsonNode> operations = operations();
        Map<String, Map<String, String>> matrix = readMatrix();
        Set<String> missing = new LinkedHashSet<>(operations.keySet());
        missing.removeAll(matrix.keySet());
        Set<String> stale = new LinkedHashSet<>(matrix.keySet());
        stale.removeAll(operations.keySet());
        assertThat(missing).as("operations without a row in docs/authorization-matrix.md").isEmpty();
        assertThat(stale).as("rows of docs/authorization-matrix.md that are no operation").isEmpty();

        JsonNode requests = requests();
        Map<String, String> fixtures = AuthorizationFixtures.create();
        Set<String> foreignIds = new LinkedHashSet<>(AuthorizationFixtures.scopedIds(fixtures));
        Map<String, String> tokens = new LinkedHashMap<>();
        CALLERS.forEach((caller, token) -> tokens.put(caller, token.get()));

        List<String> failures = new ArrayList<>();
        int calls = 0;
        List<Map.Entry<String, Map<String, String>>> rows = new ArrayList<>(matrix.entrySet());
        rows.sort((a, b) -> Boolean.compare(ENDINGS.contains(a.getKey()), ENDINGS.contains(b.getKey())));
        for (var entry : rows) {
            String operation = entry.getKey();
            // Callers who must be refused go first, so an allowed caller's write cannot change what they see.
            List<String> order = new ArrayList<>(entry.getValue().keySet());
            order.sort((a, b) -> Boolean.compare("ok".equals(entry.getValue().get(a)), "ok".equals(entry.getValue().get(b))));
            boolean used = false;
            for (String caller : order) {
                String expected = entry.getValue().get(caller);
                if ("ok".equals(expected) && used) {
                    AuthorizationFixtures.renew(operation, fixtures).ifPresent(failures::add);
                }
                used |= "ok".equals(expected);
                Response response = send(operation, operations.get(operation), requests.path(operation), fixtures,
                        tokens.get(caller));
                calls++;
                int status = response.statusCode();
                String body = response.asString();
                String outcome = status + " " + body.substring(0, Math.min(200, body.length())).replace('\n', ' ');
                boolean matches = switch (expected) {
                    case "ok" -> status / 100 == 2 || Set.of(409, 412, 422, 428).contains(status);
                    default -> status == Integer.parseInt(expected)
                            && String.valueOf(response.contentType()).startsWith("application/problem+json");
                };
                if (!matches) {
                    failures.add(operation + " as " + caller + ": expected " + expected + ", got " + outcome);
                }
                // Ids the caller sent itself (echoed as a problem's instance) are no leak; public notices are public.
                String sent = path(operation, fixtures) + AuthorizationFixtures.fill(requests.path(operation).path("body").toString(), fixtures);
                if ("other-city".equals(caller) && !operation.contains(" /api/v1/public/")) {
                    foreignIds.stream().filter(id -> body.contains(id) && !sent.contains(id))
                            .forEach(id -> failures.add(operation + " as other-city: the answer names 萧山区's object " + id));
                }
            }
        }
        long refusals = matrix.values().stream().flatMap(r -> r.values().stream()).filter(v -> !"ok".equals(v)).count();
        SecurityReport.section("Authorization matrix (docs/authorization-matrix.md)", """
                - operations in the merged OpenAPI document: %d, each with a matrix row
                - kinds of caller: %d (%s)
                - calls made through the gateway with real Keycloak tokens: %d (%d expected refusals: 400, 401, 403 or 404)
                - mismatches: %d
                """.formatted(operations.size(), CALLERS.size(), String.join(", ", CALLERS.keySet()), calls,
                refusals, failures.size()));
        assertThat(failures).as("answers that differ from docs/authorization-matrix.md").isEmpty();
    }

    private static Response send(String operation, JsonNode spec, JsonNode request, Map<String, String> fixtures,
            String token) {
        return prepare(spec, request, fixtures, token).request(method(operation), path(operation, fixtures));
    }

    static String method(String operation) {
        return operation.substring(0, operation.indexOf(' '));
    }

    static String path(String operation, Map<String, String> fixtures) {
        return AuthorizationFixtures.path(operation.substring(operation.indexOf(' ') + 1), fixtures);
    }

    /** A valid call of the operation: its headers (a stale If-Match, a fresh Idempotency-Key), query and body. */
    static RequestSpecification prepare(JsonNode spec, JsonNode request, Map<String, String> fixtures, String token) {
        RequestSpecification call = given().baseUri(E2E.gateway()).redirects().follow(false);
        if (token != null) {
            call.auth().oauth2(token);
        }
        for (JsonNode parameter : spec.path("parameters")) {
            String name = parameter.path("name").asText();
            if ("header".equals(parameter.path("in").asText())) {
                switch (name) {
                    case "If-Match" -> call.header("If-Match", STALE_VERSION);
                    case "Idempotency-Key" -> call.header("Idempotency-Key", UUID.randomUUID().toString());
                    default -> { }
                }
            }
        }
        request.path("query").fields().forEachRemaining(q -> call.queryParam(q.getKey(), AuthorizationFixtures.fill(q.getValue().asText(), fixtures)));
        request.path("headers").fields().forEachRemaining(h -> call.header(h.getKey(), AuthorizationFixtures.fill(h.getValue().asText(), fixtures)));
        JsonNode content = spec.path("requestBody").path("content");
        if (!content.isMissingNode() && content.size() > 0) {
            String contentType = request.path("contentType").asText(content.fieldNames().next());
            call.contentType(contentType);
            AuthorizationFixtures.body(contentType, request.path("body"), fixtures)
                    .ifPresent(body -> call.body(body instanceof byte[] bytes ? bytes : body.toString().getBytes(
                            java.nio.charset.StandardCharsets.UTF_8)));
        }
        return call;
    }
}
