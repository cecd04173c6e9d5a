package cn.zjlm.federation.member;

import static cn.zjlm.federation.member.MemberApiTest.member;
import static cn.zjlm.federation.member.MemberApiTest.newId;
import static cn.zjlm.federation.member.MemberApiTest.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.local.EventContracts;
import cn.zjlm.federation.local.TestInfrastructure;
import cn.zjlm.federation.local.TestTokens;
import cn.zjlm.federation.local.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MemberLifecycleTest {
    private static final String HZ = TestTokens.token("hz-staff", "330100", "city-staff");
    private static final String HZ_ADMIN = TestTokens.token("hz-admin", "330100", "city-admin");
    private static final String HU = TestTokens.token("hu-staff", "330500", "city-staff");
    private static final String XS = TestTokens.token("xs-staff", "330109", "county-staff");

    static Map<String, Object> honour(String category, String level, String title, int year) {
        Map<String, Object> h = new HashMap<>();
        h.put("category", category);
        h.put("level", level);
        h.put("title", title);
        h.put("year", year);
        h.put("conferringBody", "中共中央、国务院");
        h.put("certificateNumber", "QG-" + year + "-0086");
        return h;
    }

    static List<String> eventsOf(String memberId, int count) {
        var records = TopicReader.await(TestInfrastructure.kafka().bootstrapServers(), EventTopics.MEMBER,
                r -> memberId.equals(r.key()), count, Duration.ofSeconds(20));
        records.forEach(r -> assertThat(EventContracts.violations(r.value())).as(r.value()).isEmpty());
        return records.stream().map(r -> r.value()).toList();
    }

    @Test
    void honoursDeriveTheHighestLevelAndRevocationRemovesIt() {
        String id = register(HZ, member("何建平", newId(LocalDate.of(1960, 5, 5)), "330109"));
        given().auth().oauth2(HZ).contentType(ContentType.JSON).body(honour("CRAFTSMAN", "CITY", "杭州工匠", 2019))
                .post("/api/v1/members/" + id + "/honours").then().statusCode(201);
        String national = given().auth().oauth2(HZ).contentType(ContentType.JSON)
                .body(honour("MODEL_WORKER", "NATIONAL", "全国劳动模范", 2020))
                .post("/api/v1/members/" + id + "/honours").then().statusCode(201).extract().path("id");
        given().auth().oauth2(HZ).get("/api/v1/members/" + id).then().statusCode(200)
                .body("highestHonourLevel", equalTo("NATIONAL")).body("honours.size()", equalTo(2))
                .header("ETag", "\"2\"");
        given().auth().oauth2(HZ).get("/api/v1/members?honourLevel=NATIONAL&size=200").then()
                .body("items.id", hasItem(id));
        given().auth().oauth2(HZ).contentType(ContentType.JSON).body(honour("MODEL_WORKER", "NATIONAL", "全国劳动模范", 2020))
                .post("/api/v1/members/" + id + "/honours").then().statusCode(409)
                .body("errors[0].code", equalTo("honour.already-recorded"));

        Map<String, Object> revocation = Map.of("revokedOn", LocalDate.now().toString(), "reason", "违纪，依规撤销");
        // Only association administrators revoke titles.
        given().auth().oauth2(HZ).contentType(ContentType.JSON).body(revocation)
                .post("/api/v1/members/" + id + "/honours/" + national + "/revocation").then().statusCode(403);
        given().auth().oauth2(HZ_ADMIN).contentType(ContentType.JSON).body(revocation)
                .post("/api/v1/members/" + id + "/honours/" + national + "/revocation").then().statusCode(200)
                .body("revokedOn", equalTo(LocalDate.now().toString()));
        given().auth().oauth2(HZ).get("/api/v1/members/" + id).then().body("highestHonourLevel", equalTo("CITY"));
        given().auth().oauth2(HZ).get("/api/v1/members?honourLevel=NATIONAL&size=200").then()
                .body("items.id", not(hasItem(id)));
        given().auth().oauth2(HZ_ADMIN).contentType(ContentType.JSON).body(revocation)
                .post("/api/v1/members/" + id + "/honours/" + national + "/revocation").then().statusCode(409);

        List<String> events = eventsOf(id, 4);
        assertThat(events).hasSize(4);
        assertThat(events.get(2)).contains("\"type\":\"HonorRecorded\"").contains("\"highestHonourLevel\":\"NATIONAL\"");
        assertThat(events.get(3)).contains("\"type\":\"HonorRevoked\"").contains("\"highestHonourLevel\":\"CITY\"");
    }

    @Test
    void aTransferMovesTheMembersScopeOnAcceptanceAndBothSidesKeepIt() {
        String id = register(XS, member("钟秀兰", newId(LocalDate.of(1966, 9, 9)), "330109"));
        Map<String, Object> toHuzhou = Map.of("toAssociation", "330502", "reason", "随子女迁居湖州");
        String transfer = given().auth().oauth2(XS).contentType(ContentType.JSON).body(toHuzhou)
                .post("/api/v1/members/" + id + "/transfers").then().statusCode(201)
                .body("status", equalTo("REQUESTED")).extract().path("id");
        given().auth().oauth2(XS).contentType(ContentType.JSON).body(toHuzhou)
                .post("/api/v1/members/" + id + "/transfers").then().statusCode(409);

        // Before acceptance Huzhou sees the request, not the record.
        given().auth().oauth2(HU).get("/api/v1/members/transfers?direction=incoming").then().statusCode(200)
                .body("id", hasItem(transfer));
        given().auth().oauth2(HU).get("/api/v1/members/" + id).then().statusCode(404);
        // Xiaoshan cannot accept on Huzhou's behalf.
        given().auth().oauth2(XS).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/members/transfers/" + transfer + "/acceptance").then().statusCode(404);

        given().auth().oauth2(HU).contentType(ContentType.JSON).body(Map.of("note", "同意接收"))
                .post("/api/v1/members/transfers/" + transfer + "/acceptance").then().statusCode(200)
                .body("status", equalTo("ACCEPTED"));
        given().auth().oauth2(HU).get("/api/v1/members/" + id).then().statusCode(200)
                .body("associationCode", equalTo("330502"));
        given().auth().oauth2(XS).get("/api/v1/members/" + id).then().statusCode(404);
        given().auth().oauth2(XS).get("/api/v1/members/transfers?direction=outgoing").then()
                .body("find { it.id == '" + transfer + "' }.status", equalTo("ACCEPTED"));
        given().auth().oauth2(HU).get("/api/v1/members/" + id + "/history").then().statusCode(200)
                .body("action", hasItem("TRANSFERRED"));
        // the source keeps the history up to the transfer; another city still sees nothing
        given().auth().oauth2(XS).get("/api/v1/members/" + id + "/history").then().statusCode(200)
                .body("action", hasItem("REGISTERED")).body("action", hasItem("TRANSFERRED"));
        given().auth().oauth2(TestTokens.token("jx-staff", "330400", "city-staff"))
                .get("/api/v1/members/" + id + "/history").then().statusCode(404);
        given().auth().oauth2(HU).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/members/transfers/" + transfer + "/rejection").then().statusCode(409);

        List<String> events = eventsOf(id, 2);
        assertThat(events.get(1)).contains("\"type\":\"MemberTransferred\"").contains("\"association\":\"330502\"")
                .contains("\"fromAssociation\":\"330109\"");
    }

    @Test
    void deathIsItsOwnVersionedActionAndIsPublished() {
        String nationalId = newId(LocalDate.of(1938, 2, 14));
        String id = register(HZ, member("冯德才", nationalId, "330100"));
        Map<String, Object> dead = new HashMap<>(member("冯德才", nationalId, "330100"));
        dead.put("status", "DECEASED");
        dead.put("deceasedOn", "2026-10-01");
        given().auth().oauth2(HZ).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(dead)
                .put("/api/v1/members/" + id).then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().auth().oauth2(HZ).contentType(ContentType.JSON).body(Map.of("deceasedOn", "2026-10-01"))
                .post("/api/v1/members/" + id + "/death").then().statusCode(428);
        given().auth().oauth2(HZ).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("deceasedOn", "2026-10-01"))
                .post("/api/v1/members/" + id + "/death").then().statusCode(200)
                .body("status", equalTo("DECEASED")).body("deceasedOn", equalTo("2026-10-01")).header("ETag", "\"1\"");
        given().auth().oauth2(HZ).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("deceasedOn", "2026-10-01"))
                .post("/api/v1/members/" + id + "/death").then().statusCode(409);
        assertThat(eventsOf(id, 2).get(1)).contains("\"type\":\"MemberDeceased\"").contains("\"status\":\"DECEASED\"");
    }

    @Test
    void aCorrectionKeepsWhatItLeavesOutAndADeathClosesAnOpenTransfer() {
        String nationalId = newId(LocalDate.of(1950, 3, 3));
        Map<String, Object> withLogin = new HashMap<>(member("邵建华", nationalId, "330109"));
        UUID subject = UUID.randomUUID();
        withLogin.put("accountSubject", subject.toString());
        String id = register(HZ, withLogin);
        String transfer = given().auth().oauth2(XS).contentType(ContentType.JSON)
                .body(Map.of("toAssociation", "330502", "reason", "随子女迁居湖州"))
                .post("/api/v1/members/" + id + "/transfers").then().statusCode(201).extract().path("id");
        given().auth().oauth2(HZ).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("deceasedOn", "2026-10-01")).post("/api/v1/members/" + id + "/death").then()
                .statusCode(200);
        // the death closed the transfer: no one moves a member who died
        given().auth().oauth2(HU).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/members/transfers/" + transfer + "/acceptance").then().statusCode(409)
                .body("code", equalTo("transfer-closed"));

        // Staff read the record (phone masked, no login shown), fix the address and send it back without phone,
        // status or login: none of them is lost, and the death stands.
        Map<String, Object> edited = new HashMap<>(member("邵建华", nationalId, "330109"));
        edited.remove("phone");
        edited.put("address", "杭州市萧山区城厢街道");
        given().auth().oauth2(HZ).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(edited)
                .put("/api/v1/members/" + id).then().statusCode(200).body("phoneMasked", equalTo("138****5678"))
                .body("status", equalTo("DECEASED")).body("deceasedOn", equalTo("2026-10-01"));
        UUID kept = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                cn.zjlm.federation.member.domain.Member.<cn.zjlm.federation.member.domain.Member>findById(
                        UUID.fromString(id)).accountSubject);
        assertThat(kept).isEqualTo(subject);

        // an empty phone removes it; a new number that masks like the old one is still recorded as a change
        edited.put("phone", "13812340078");
        given().auth().oauth2(HZ).contentType(ContentType.JSON).header("If-Match", "\"2\"").body(edited)
                .put("/api/v1/members/" + id).then().statusCode(200).body("phoneMasked", equalTo("138****0078"));
        edited.put("phone", "13899990078");
        given().auth().oauth2(HZ).contentType(ContentType.JSON).header("If-Match", "\"3\"").body(edited)
                .put("/api/v1/members/" + id).then().statusCode(200).body("phoneMasked", equalTo("138****0078"));
        edited.put("phone", "");
        given().auth().oauth2(HZ).contentType(ContentType.JSON).header("If-Match", "\"4\"").body(edited)
                .put("/api/v1/members/" + id).then().statusCode(200).body("phoneMasked", nullValue());
        given().auth().oauth2(HZ).get("/api/v1/members/" + id + "/history").then().statusCode(200)
                .body("findAll { it.field == 'phone' }.size()", equalTo(3))
                .body("findAll { it.field == 'phone' }.newValue", hasItem(nullValue()));
    }

    @Test
    void associationChangesGoThroughTransfersAndHistoryKeepsEveryFieldMasked() {
        String nationalId = newId(LocalDate.of(1975, 4, 4));
        String id = register(HZ, member("曹文斌", nationalId, "330100"));
        Map<String, Object> moved = new HashMap<>(member("曹文斌", nationalId, "330109"));
        given().auth().oauth2(HZ).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(moved)
                .put("/api/v1/members/" + id).then().statusCode(400)
                .body("errors[0].code", equalTo("member.association-change-needs-transfer"));
        Map<String, Object> corrected = new HashMap<>(member("曹文斌", nationalId, "330100"));
        corrected.put("phone", "13900001111");
        corrected.put("occupation", "高级技师");
        given().auth().oauth2(HZ).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(corrected)
                .put("/api/v1/members/" + id).then().statusCode(200);
        given().auth().oauth2(HZ).get("/api/v1/members/" + id + "/history").then().statusCode(200)
                .body("find { it.field == 'occupation' }.newValue", equalTo("高级技师"))
                .body("find { it.field == 'occupation' }.oldValue", nullValue())
                .body("find { it.field == 'phone' }.oldValue", equalTo("138****5678"))
                .body("find { it.field == 'phone' }.newValue", equalTo("139****1111"))
                .body("find { it.field == 'phone' }.changedBy", equalTo("hz-staff"));
        given().auth().oauth2(HU).get("/api/v1/members/" + id + "/history").then().statusCode(404);
    }

    @Test
    void nationalLevelTreatmentCountsAsNationalInSearch() {
        String id = register(HZ, member("邵启明", newId(LocalDate.of(1952, 1, 21)), "330110"));
        Map<String, Object> treated = honour("MODEL_WORKER", "PROVINCIAL", "浙江省劳动模范", 1995);
        treated.put("nationalTreatment", true);
        given().auth().oauth2(HZ).contentType(ContentType.JSON).body(treated)
                .post("/api/v1/members/" + id + "/honours").then().statusCode(201);
        given().auth().oauth2(HZ).get("/api/v1/members/" + id).then().body("highestHonourLevel", equalTo("NATIONAL"));
        given().auth().oauth2(HZ).get("/api/v1/members?honourLevel=NATIONAL&size=200").then()
                .body("items.id", hasItem(id));
        given().auth().oauth2(HZ).get("/api/v1/members?honourLevel=PROVINCIAL&size=200").then()
                .body("items.id", hasItem(id));
    }

    @Test
    void anotherAssociationsMemberIsMissingOnEveryPath() {
        String id = register(HZ, member("温雅琴", newId(LocalDate.of(1969, 7, 7)), "330106"));
        String honourId = given().auth().oauth2(HZ).contentType(ContentType.JSON)
                .body(honour("CRAFTSMAN", "CITY", "杭州工匠", 2021)).post("/api/v1/members/" + id + "/honours")
                .then().statusCode(201).extract().path("id");
        String certificate = given().auth().oauth2(HZ).contentType(ContentType.JSON).body(Map.of("honourId", honourId))
                .post("/api/v1/members/" + id + "/certificates").then().statusCode(201).extract().path("id");
        String transfer = given().auth().oauth2(HZ).contentType(ContentType.JSON)
                .body(Map.of("toAssociation", "330182", "reason", "调往建德工作"))
                .post("/api/v1/members/" + id + "/transfers").then().statusCode(201).extract().path("id");
        // Huzhou staff, and Xiaoshan staff for a member of a sibling county: 404 on reads and writes alike
        for (String outsider : List.of(HU, XS)) {
            for (String path : List.of("/api/v1/members/" + id, "/api/v1/members/" + id + "/history",
                    "/api/v1/members/" + id + "/certificates",
                    "/api/v1/members/" + id + "/certificates/" + certificate + "/pdf",
                    "/api/v1/members/transfers/" + transfer)) {
                given().auth().oauth2(outsider).get(path).then().statusCode(404).contentType("application/problem+json");
            }
            given().auth().oauth2(outsider).contentType(ContentType.JSON).body(honour("CRAFTSMAN", "CITY", "湖州工匠", 2022))
                    .post("/api/v1/members/" + id + "/honours").then().statusCode(404);
            given().auth().oauth2(outsider).contentType(ContentType.JSON).body(Map.of("honourId", honourId))
                    .post("/api/v1/members/" + id + "/certificates").then().statusCode(404);
            given().auth().oauth2(outsider).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .body(Map.of("deceasedOn", LocalDate.now().toString()))
                    .post("/api/v1/members/" + id + "/death").then().statusCode(404);
        }
        // a member login reads only its own record
        String memberLogin = TestTokens.token("lm-someone", "330106", "member");
        given().auth().oauth2(memberLogin).get("/api/v1/members/" + id).then().statusCode(403);
        given().auth().oauth2(memberLogin).get("/api/v1/members").then().statusCode(403);
        given().auth().oauth2(memberLogin).get("/api/v1/members/me").then().statusCode(404);
    }
}
