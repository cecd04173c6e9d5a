package cn.zjlm.federation.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Bad input at every operation of the merged OpenAPI document, generated from the operation's valid request
 * (authorization/requests.json) by breaking one thing at a time: malformed JSON, wrong types, missing and
 * unknown fields, huge, control, SQL and script text, Unicode edge cases, negative and overflowing numbers,
 * impossible dates, bad check digits, and bad path and query parameters. Every answer must be below 500 and,
 * when refused, application/problem+json in the caller's language; a refused request must leave the
 * service's database as it was (the audit trail aside).
 */
class BadInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Whose token a bad request carries: the first of these the matrix allows, so it reaches validation. */
    private static final List<String> PREFERRED = List.of("county", "city", "province", "finance", "member",
            "reviewer", "gov-system", "anonymous");
    private static final List<String> TEXTS = List.of("长".repeat(100_000), "\u0000\u0007\u001b[31m\r\n", "' OR '1'='1'; DROP TABLE member; --",
            "<script>alert(1)</script>", "阿卜杜·热合曼", "😀👨‍👩‍👧", "e\u0301\u0301\u0301\u0301", "\u202Eevil\u202C", "\uFEFF\u200B",
            "\uD800", "");
    private static final List<JsonNode> NUMBERS = List.of(NODES.numberNode(-1), NODES.numberNode(0),
            NODES.numberNode(-99_999_999_999L), NODES.numberNode(1e308), NODES.numberNode(new java.math.BigInteger("99999999999999999999999")),
            NODES.numberNode(new java.math.BigDecimal("0.0000001")));
    private static final List<String> DATES = List.of("2026-02-30", "2026-13-01", "0000-00-00", "9999-12-31", "+999999999-12-31",
            "-9999999-01-01", "昨天");
    private static final List<String> PATH_VALUES = List.of("not-a-uuid", "' or 1=1--", "..%2F..%2Fetc%2Fpasswd",
            "x".repeat(300), "-1", "99999999999999999999", "%00");
    private static final List<String> QUERY_VALUES = List.of("abc", "-1", "99999999999999999999", "42949673", "' or 1=1--",
            "\u0000", "2026-02-30", "+999999999-12-31", "q".repeat(3000), "😀");

    record BadRequest(String what, UnaryOperator<RequestSpecification> change, String path, JsonNode request) {
    }

    @Test
    void noBadInputGetsA5xxOrAnAnswerThatIsNotProblemJsonAndARefusedOneChangesNothing() throws Exception {
        Map<String, JsonNode> operations = AuthorizationMatrixIT.operations();
        Map<String, Map<String, String>> matrix = AuthorizationMatrixIT.readMatrix();
        JsonNode requests = AuthorizationMatrixIT.requests();
        Map<String, String> fixtures = AuthorizationFixtures.create();

        List<String> failures = new ArrayList<>();
        int sent = 0;
        int refused = 0;
        try (DatabaseFingerprints databases = new DatabaseFingerprints()) {
            databases.settle();
            for (var entry : operations.entrySet()) {
                String operation = entry.getKey();
                String caller = PREFERRED.stream().filter(c -> "ok".equals(matrix.get(operation).get(c))).findFirst()
                        .orElse("anonymous");
                String database = database(operation);
                for (BadRequest bad : badRequests(operation, entry.getValue(), requests.path(operation), fixtures)) {
                    boolean chinese = sent % 2 == 0;
                    String before = databases.fingerprint(database);
                    Response response = send(operation, entry.getValue(), bad, fixtures, AuthorizationMatrixIT.CALLERS.get(caller).get(), chinese);
                    sent++;
                    int status = response.statusCode();
                    if (status >= 400 && status < 500 && !before.equals(databases.fingerprint(database))) {
                        // Events of an earlier accepted request may still be landing: wait for quiet, then try again.
                        databases.settle();
                        before = databases.fingerprint(database);
                        response = send(operation, entry.getValue(), bad, fixtures, AuthorizationMatrixIT.CALLERS.get(caller).get(), chinese);
                        status = response.statusCode();
                        if (status >= 400 && status < 500 && !before.equals(databases.fingerprint(database))) {
                            failures.add("database " + database + " changed: " + describe(operation, caller, bad, response));
                        }
                    }
                    if (status >= 500) {
                        failures.add(describe(operation, caller, bad, response));
                    } else if (status == 404 && bad.what().startsWith("query ")) {
                        // JAX-RS answers a query value it cannot convert with a bare 404; the caller must learn which
                        failures.add("not found for a bad query value: " + describe(operation, caller, bad, response));
                    } else if (status >= 400) {
                        refused++;
                        if (!String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                            failures.add("not problem+json: " + describe(operation, caller, bad, response));
                        } else if (status == 400 && !readable(response, chinese)) {
                            failures.add("title not in " + (chinese ? "Chinese" : "English") + ": "
                                    + describe(operation, caller, bad, response));
                        }
                    }
                }
            }
        }
        SecurityReport.section("Bad input (every operation of the merged OpenAPI document)", """
                - operations: %d
                - bad requests sent: %d (refused: %d, accepted as harmless: %d)
                - answers of 500 or above: %d; refusals not problem+json or not in the caller's language: %d
                - refused requests that changed the database: %d
                """.formatted(operations.size(), sent, refused, sent - refused,
                failures.stream().filter(f -> !f.startsWith("not problem") && !f.startsWith("title") && !f.startsWith("database")
                        && !f.startsWith("not found")).count(),
                failures.stream().filter(f -> f.startsWith("not problem") || f.startsWith("title")).count(),
                failures.stream().filter(f -> f.startsWith("database")).count()));
        assertThat(failures).as("bad input answered wrongly").isEmpty();
    }

    private static Response send(String operation, JsonNode spec, BadRequest bad, Map<String, String> fixtures,
            String token, boolean chinese) {
        RequestSpecification call = AuthorizationMatrixIT.prepare(spec, bad.request(), fixtures, token)
                .header("Accept-Language", chinese ? "zh-CN" : "en");
        return bad.change().apply(call).request(AuthorizationMatrixIT.method(operation), bad.path());
    }

    private static String describe(String operation, String caller, BadRequest bad, Response response) {
        return operation + " as " + caller + ", " + bad.what() + ": " + response.statusCode() + " "
                + abbreviate(response.asString());
    }

    private static boolean readable(Response response, boolean chinese) {
        String title = Objects.toString(response.path("title"), "");
        return chinese ? title.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                : !title.isBlank() && title.chars().allMatch(c -> c < 128);
    }

    private static String abbreviate(String body) {
        return body.substring(0, Math.min(240, body.length())).replace('\n', ' ');
    }

    static String database(String operation) {
        String path = operation.substring(operation.indexOf(' ') + 1);
        if (path.startsWith("/api/v1/honors") || path.startsWith("/api/v1/public/honors")) {
            return "honors";
        }
        if (path.startsWith("/api/v1/events") || path.startsWith("/api/v1/public/events")) {
            return "events";
        }
        return path.startsWith("/api/v1/care") ? "care" : "member";
    }

    /** Variants of the operation's valid request, each broken in one place. */
    static List<BadRequest> badRequests(String operation, JsonNode spec, JsonNode valid, Map<String, String> fixtures) {
        List<BadRequest> bad = new ArrayList<>();
        String path = AuthorizationMatrixIT.path(operation, fixtures);
        JsonNode content = spec.path("requestBody").path("content");
        if (content.has("application/json")) {
            for (String raw : List.of("{\"broken\": ", "[]", "\"text\"", "42", "null", "")) {
                bad.add(new BadRequest("body " + raw, c -> c.body(raw.getBytes(StandardCharsets.UTF_8)), path, valid));
            }
            JsonNode body = valid.path("body");
            if (body.isObject()) {
                ObjectNode extra = filled(body, fixtures).deepCopy();
                extra.put("unexpectedField", 1);
                bad.add(withBody("an unknown field", extra, path, valid));
                for (String field : fields(body)) {
                    for (var variant : values(field, at(body, field)).entrySet()) {
                        ObjectNode broken = filled(body, fixtures).deepCopy();
                        set(broken, field, variant.getValue());
                        bad.add(withBody(field + " = " + variant.getKey(), broken, path, valid));
                    }
                    ObjectNode missing = filled(body, fixtures).deepCopy();
                    set(missing, field, null);
                    bad.add(withBody(field + " missing", missing, path, valid));
                }
            }
        }
        String template = operation.substring(operation.indexOf(' ') + 1);
        for (JsonNode parameter : spec.path("parameters")) {
            String name = parameter.path("name").asText();
            switch (parameter.path("in").asText()) {
                case "path" -> PATH_VALUES.forEach(value -> bad.add(new BadRequest("path {" + name + "} = " + value,
                        c -> c, AuthorizationFixtures.path(template.replace("{" + name + "}", value), fixtures), valid)));
                case "query" -> QUERY_VALUES.forEach(value -> {
                    ObjectNode request = valid.isObject() ? valid.deepCopy() : NODES.objectNode();
                    request.withObject("/query").put(name, value);
                    bad.add(new BadRequest("query " + name + " = " + abbreviate(value), c -> c, path, request));
                });
                default -> { }
            }
        }
        return bad;
    }

    private static BadRequest withBody(String what, JsonNode body, String path, JsonNode valid) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return new BadRequest(what.length() > 80 ? what.substring(0, 80) + "…" : what, c -> c.body(bytes), path, valid);
    }

    private static ObjectNode filled(JsonNode template, Map<String, String> fixtures) {
        try {
            return (ObjectNode) JSON.readTree(AuthorizationFixtures.body("application/json", template, fixtures)
                    .orElseThrow().toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Field paths of the body: its own fields, those of nested objects, and of the first element of arrays. */
    static List<String> fields(JsonNode body) {
        List<String> fields = new ArrayList<>();
        body.fields().forEachRemaining(f -> {
            fields.add(f.getKey());
            JsonNode nested = f.getValue().isArray() && !f.getValue().isEmpty() ? f.getValue().get(0) : f.getValue();
            String prefix = f.getKey() + (f.getValue().isArray() ? "/0/" : "/");
            if (nested.isObject()) {
                nested.fieldNames().forEachRemaining(n -> fields.add(prefix + n));
            }
        });
        return fields;
    }

    private static JsonNode at(JsonNode body, String field) {
        return body.at("/" + field);
    }

    /** Sets (or, for null, removes) a field path of {@link #fields}. */
    private static void set(ObjectNode body, String field, JsonNode value) {
        int slash = field.lastIndexOf('/');
        JsonNode parent = slash < 0 ? body : body.at("/" + field.substring(0, slash));
        String name = field.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            if (value == null) {
                object.remove(name);
            } else {
                object.set(name, value);
            }
        } else if (parent instanceof ArrayNode array && value != null) {
            array.set(Integer.parseInt(name), value);
        }
    }

    /** Wrong values for a field, by what its valid value looks like and what it is called. */
    static Map<String, JsonNode> values(String field, JsonNode valid) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put("null", NODES.nullNode());
        values.put("an object", NODES.objectNode());
        values.put("an array", NODES.arrayNode().add("x"));
        if (valid.isTextual()) {
            values.put("a number", NODES.numberNode(12345));
            values.put("true", NODES.booleanNode(true));
            TEXTS.forEach(text -> values.put("text " + abbreviate(text.length() > 20 ? text.substring(0, 20) + "… ("
                    + text.length() + " chars)" : text), NODES.textNode(text)));
            String text = valid.asText();
            if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                DATES.forEach(date -> values.put("date " + date, NODES.textNode(date)));
            }
            if (text.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
                values.put("time 2026-02-30T25:61", NODES.textNode("2026-02-30T25:61:00+08:00"));
            }
            if (text.matches("[0-9a-f]{8}-[0-9a-f]{4}-.*")) {
                values.put("an unknown id", NODES.textNode("00000000-0000-0000-0000-000000000000"));
            }
            if (field.toLowerCase().contains("nationalid") || field.toLowerCase().contains("creditcode")) {
                char last = text.charAt(text.length() - 1);
                values.put("a bad check digit", NODES.textNode(text.substring(0, text.length() - 1) + (last == '1' ? '2' : '1')));
            }
            if (field.toLowerCase().contains("association")) {
                values.put("code 999999", NODES.textNode("999999"));
                values.put("code 33010", NODES.textNode("33010"));
            }
        } else if (valid.isNumber()) {
            values.put("text", NODES.textNode("abc"));
            NUMBERS.forEach(number -> values.put("number " + number, number));
        } else if (valid.isBoolean()) {
            values.put("text", NODES.textNode("yes"));
            values.put("a number", NODES.numberNode(1));
        } else {
            values.put("text", NODES.textNode("x"));
        }
        return values;
    }
}
