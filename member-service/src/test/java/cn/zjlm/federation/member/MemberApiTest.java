package cn.zjlm.federation.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.commons.identity.NationalIdNumber;
import cn.zjlm.federation.local.EventContracts;
import cn.zjlm.federation.local.TestInfrastructure;
import cn.zjlm.federation.local.TestTokens;
import cn.zjlm.federation.local.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MemberApiTest {
    private static final AtomicInteger SEQUENCE = new AtomicInteger(100);
    private static final String HZ = TestTokens.token("hz-staff", "330100", "city-staff");
    private static final String HU = TestTokens.token("hu-staff", "330500", "city-staff");
    private static final String XS = TestTokens.token("xs-staff", "330109", "county-staff");

    static String newId(LocalDate birth) {
        return NationalIdNumber.compose("330109", birth, SEQUENCE.incrementAndGet());
    }

    static Map<String, Object> member(String name, String nationalId, String association) {
        return Map.of("name", name, "gender", "MALE", "nationalId", nationalId, "phone", "13812345678",
                "associationCode", association, "sector", "FRONTLINE_WORKER", "employer", "杭州汽轮机股份有限公司",
                "education", "大专", "politicalStatus", "中共党员");
    }

    static String register(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/members")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void registersMaskedAndScopedToTheCallersCity() {
        String nationalId = newId(LocalDate.of(1968, 5, 1));
        String id = given().auth().oauth2(HZ).contentType(ContentType.JSON)
                .body(member("阿依古丽·买买提", nationalId, "330109"))
                .when().post("/api/v1/members")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/members/"))
                .header("ETag", "\"0\"")
                .body("nationalIdMasked", equalTo(nationalId.substring(0, 1) + "*".repeat(16) + nationalId.substring(17)))
                .body("phoneMasked", equalTo("138****5678"))
                .body("birthDate", equalTo("1968-05-01"))
                .body("name", equalTo("阿依古丽·买买提"))
                .body("education", equalTo("大专")).body("politicalStatus", equalTo("中共党员"))
                .extract().path("id");

        given().auth().oauth2(HZ).get("/api/v1/members/" + id).then().statusCode(200).body("id", equalTo(id));
        given().auth().oauth2(XS).get("/api/v1/members/" + id).then().statusCode(200);
        // Huzhou staff learn nothing: same answer as for an id that does not exist.
        given().auth().oauth2(HU).get("/api/v1/members/" + id).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("not-found"));
        given().auth().oauth2(HU).get("/api/v1/members?size=200").then().statusCode(200)
                .body("items.id", not(hasItem(id)))
                .body("items.associationCode", everyItem(startsWith("3305")));
        given().auth().oauth2(HZ).get("/api/v1/members?size=200&namePrefix=阿依").then().statusCode(200)
                .body("items.id", hasItem(id));
    }

    @Test
    void sensitiveValuesAreEncryptedAtRest() throws Exception {
        String nationalId = newId(LocalDate.of(1955, 10, 12));
        String id = register(HZ, member("王建华", nationalId, "330100"));
        try (Connection c = TestInfrastructure.postgres().connect("member");
                ResultSet rs = c.createStatement().executeQuery(
                        "select * from member where id = '" + id + "'")) {
            assertThat(rs.next()).isTrue();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                String value = rs.getString(i);
                assertThat(value == null ? "" : value).doesNotContain(nationalId).doesNotContain("13812345678");
            }
            assertThat(rs.getString("national_id_cipher")).startsWith("k1:");
        }
    }

    @Test
    void badIdNumbersGetAFieldLevelReasonInEnglishAndChinese() {
        String valid = newId(LocalDate.of(1970, 1, 1));
        char wrong = valid.charAt(17) == '1' ? '2' : '1';
        String badCheck = valid.substring(0, 17) + wrong;
        given().auth().oauth2(HZ).contentType(ContentType.JSON).body(member("李四", badCheck, "330100"))
                .when().post("/api/v1/members")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("nationalId"))
                .body("errors[0].code", equalTo("national-id.check-digit"))
                .body("errors[0].message", containsString("check digit"));
        given().auth().oauth2(HZ).header("Accept-Language", "zh-CN,zh;q=0.9").contentType(ContentType.JSON)
                .body(member("李四", badCheck, "330100"))
                .when().post("/api/v1/members")
                .then().statusCode(400).body("title", equalTo("输入有误"))
                .body("errors[0].message", containsString("校验位"));
    }

    @Test
    void birthDateMustAgreeWithTheIdNumber() {
        Map<String, Object> body = new java.util.HashMap<>(member("赵六", newId(LocalDate.of(1960, 2, 2)), "330100"));
        body.put("birthDate", "1960-02-03");
        given().auth().oauth2(HZ).contentType(ContentType.JSON).body(body).when().post("/api/v1/members")
                .then().statusCode(400).body("errors[0].field", equalTo("birthDate"))
                .body("errors[0].code", equalTo("national-id.birth-date-mismatch"));
    }

    @Test
    void anIdNumberIsRegisteredOnlyOnceInTheProvince() {
        String nationalId = newId(LocalDate.of(1959, 9, 9));
        register(HZ, member("钱七", nationalId, "330100"));
        String lowercase = nationalId.endsWith("X") ? nationalId.replace('X', 'x') : nationalId;
        given().auth().oauth2(HU).contentType(ContentType.JSON).body(member("钱七", lowercase, "330500"))
                .when().post("/api/v1/members").then().statusCode(409).body("code", equalTo("duplicate"));
    }

    @Test
    void anAssociationOutsideTheCallersScopeIsRefused() {
        given().auth().oauth2(HZ).contentType(ContentType.JSON)
                .body(member("孙八", newId(LocalDate.of(1961, 3, 3)), "330500"))
                .when().post("/api/v1/members")
                .then().statusCode(400).body("errors[0].field", equalTo("associationCode"))
                .body("errors[0].code", equalTo("association-code.out-of-scope"));
    }

    @Test
    void updatesNeedTheCurrentVersion() {
        String nationalId = newId(LocalDate.of(1972, 7, 7));
        String id = register(HZ, member("周九", nationalId, "330100"));
        Map<String, Object> changed = new java.util.HashMap<>(member("周九", nationalId, "330100"));
        changed.put("employer", "杭州钢铁集团");
        given().auth().oauth2(HZ).contentType(ContentType.JSON).body(changed).put("/api/v1/members/" + id)
                .then().statusCode(428);
        given().auth().oauth2(HZ).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(changed)
                .put("/api/v1/members/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("employer", equalTo("杭州钢铁集团"));
        // A second editor still holding version 0 must not overwrite the first one's change.
        given().auth().oauth2(HZ).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(changed)
                .put("/api/v1/members/" + id).then().statusCode(412).body("code", equalTo("precondition-failed"));
        // the accepted change, and only it, was published as MemberUpdated in its contract
        List<String> events = MemberLifecycleTest.eventsOf(id, 2);
        assertThat(events.get(1)).contains("\"type\":\"MemberUpdated\"").contains("\"version\":1");
    }

    @Test
    void callersWithoutATokenOrTheRightRoleAreRefused() {
        given().get("/api/v1/members").then().statusCode(401).contentType("application/problem+json");
        String member = TestTokens.token("lm-someone", "330109", "member");
        given().auth().oauth2(member).contentType(ContentType.JSON)
                .body(member("吴十", newId(LocalDate.of(1950, 1, 1)), "330109"))
                .post("/api/v1/members").then().statusCode(403).contentType("application/problem+json");
        String expired = TestTokens.sign(TestTokens.claims("hz-staff", "330100", "city-staff").expiresAt(1000));
        given().auth().oauth2(expired).get("/api/v1/members").then().statusCode(401);
        String wrongAudience = TestTokens.sign(TestTokens.claims("hz-staff", "330100", "city-staff")
                .audience("another-platform"));
        given().auth().oauth2(wrongAudience).get("/api/v1/members").then().statusCode(401);
    }

    @Test
    void malformedAndUnexpectedJsonIsAProblemNotAnError() {
        given().auth().oauth2(HZ).contentType(ContentType.JSON).body("{\"name\": ").post("/api/v1/members")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("malformed-request"));
        Map<String, Object> extra = new java.util.HashMap<>(member("郑一", newId(LocalDate.of(1966, 6, 6)), "330100"));
        extra.put("isAdmin", true);
        given().auth().oauth2(HZ).contentType(ContentType.JSON).body(extra).post("/api/v1/members")
                .then().statusCode(400).body("errors[0].field", equalTo("isAdmin"))
                .body("errors[0].code", equalTo("json.unknown-field"));
        given().auth().oauth2(HZ).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"gender\":\"ROBOT\",\"nationalId\":\"1\",\"associationCode\":\"330100\"}")
                .post("/api/v1/members").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void registrationPublishesAContractConformingEventThroughTheOutbox() {
        String id = register(HZ, member("冯二", newId(LocalDate.of(1964, 4, 4)), "330122"));
        var records = TopicReader.await(TestInfrastructure.kafka().bootstrapServers(), EventTopics.MEMBER,
                r -> id.equals(r.key()), 1, Duration.ofSeconds(20));
        assertThat(records).hasSize(1);
        String event = records.get(0).value();
        assertThat(EventContracts.violations(event)).isEmpty();
        assertThat(event).contains("\"type\":\"MemberRegistered\"").contains("\"association\":\"330122\"");
    }

    @Test
    void associationTreeHasTheProvinceElevenCitiesAndNinetyCounties() {
        given().auth().oauth2(HU).get("/api/v1/associations").then().statusCode(200)
                .body("code", equalTo("330000"))
                .body("children.size()", equalTo(11))
                .body("children.children.flatten().size()", equalTo(90));
        given().auth().oauth2(HU).get("/api/v1/associations/330100").then().statusCode(200)
                .body("children.code", hasItem("330109")).body("children.size()", equalTo(13));
        given().auth().oauth2(HU).get("/api/v1/associations/999999").then().statusCode(404);
    }
}
