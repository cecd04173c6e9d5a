package cn.zjlm.federation.member;

import static cn.zjlm.federation.member.MemberApiTest.member;
import static cn.zjlm.federation.member.MemberApiTest.newId;
import static cn.zjlm.federation.member.MemberApiTest.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import cn.zjlm.federation.commons.audit.AuditTrail;
import cn.zjlm.federation.local.TestInfrastructure;
import cn.zjlm.federation.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SensitiveDataTest {
    private static final String HZ = TestTokens.token("hz-staff", "330100", "city-staff");
    private static final String HZ_ADMIN = TestTokens.token("hz-admin", "330100", "city-admin");
    private static final String HU_ADMIN = TestTokens.token("hu-admin", "330500", "city-admin");
    private static final String GOV = TestTokens.token("service-account-gov-registry", "330000", "gov-system");

    @Inject
    AuditTrail audit;

    static List<String> auditRows(String where) throws SQLException {
        try (Connection c = TestInfrastructure.postgres().connect("member");
                ResultSet rs = c.createStatement().executeQuery(
                        "select actor || '|' || action || '|' || outcome || '|' || coalesce(details, '') "
                                + "from audit_record where " + where + " order by seq")) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    @Test
    void clearValuesNeedThePermissionAndAReasonAndEveryReadIsAudited() throws Exception {
        String nationalId = newId(LocalDate.of(1962, 6, 1));
        String id = register(HZ, member("严国栋", nationalId, "330100"));
        Map<String, Object> request = Map.of("fields", List.of("nationalId", "phone"), "reason", "办理医疗绿通卡需核对身份");
        given().auth().oauth2(HZ).contentType(ContentType.JSON).body(request)
                .post("/api/v1/members/" + id + "/sensitive-data").then().statusCode(403);
        given().auth().oauth2(HU_ADMIN).contentType(ContentType.JSON).body(request)
                .post("/api/v1/members/" + id + "/sensitive-data").then().statusCode(404);
        given().auth().oauth2(HZ_ADMIN).contentType(ContentType.JSON).body(Map.of("fields", List.of("phone")))
                .post("/api/v1/members/" + id + "/sensitive-data").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(HZ_ADMIN).contentType(ContentType.JSON).body(request)
                .post("/api/v1/members/" + id + "/sensitive-data").then().statusCode(200)
                .body("nationalId", equalTo(nationalId)).body("phone", equalTo("13812345678"));

        List<String> disclosures = auditRows("action = 'PII_DISCLOSED' and target = 'member/" + id + "'");
        assertThat(disclosures).containsExactly("hz-admin|PII_DISCLOSED|SUCCESS|fields=nationalId,phone; reason=办理医疗绿通卡需核对身份");
        assertThat(String.join("\n", auditRows("true"))).doesNotContain(nationalId).doesNotContain("13812345678");
        // The refused attempts are in the trail too, as writes with their outcome.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(auditRows("target = '/api/v1/members/" + id + "/sensitive-data'"))
                        .extracting(r -> r.split("\\|")[2]).contains("DENIED", "REFUSED", "SUCCESS"));
    }

    @Test
    void lookupByIdNumberIsScopedForStaffAndMinimalForGovernmentSystems() throws SQLException {
        String nationalId = newId(LocalDate.of(1958, 8, 8));
        String id = register(HZ, member("欧阳娜娜", nationalId, "330109"));
        given().auth().oauth2(HZ).contentType(ContentType.JSON)
                .body(Map.of("category", "MODEL_WORKER", "level", "NATIONAL", "title", "全国劳动模范", "year", 2015))
                .post("/api/v1/members/" + id + "/honours").then().statusCode(201);
        given().auth().oauth2(HZ).contentType(ContentType.JSON).body(Map.of("nationalId", nationalId))
                .post("/api/v1/members/lookup").then().statusCode(200).body("id", equalTo(id))
                .body("nationalIdMasked", equalTo(nationalId.substring(0, 1) + "*".repeat(16) + nationalId.substring(17)));
        given().auth().oauth2(HU_ADMIN).contentType(ContentType.JSON).body(Map.of("nationalId", nationalId))
                .post("/api/v1/members/lookup").then().statusCode(404);
        // The lookup that found no one is in the trail too, with the ID number it probed (masked).
        assertThat(auditRows("action = 'MEMBER_LOOKUP' and actor = 'hu-admin'")).contains(
                "hu-admin|MEMBER_LOOKUP|NOT_FOUND|by national ID " + nationalId.substring(0, 1) + "*".repeat(16)
                        + nationalId.substring(17));
        given().auth().oauth2(GOV).contentType(ContentType.JSON).body(Map.of("nationalId", nationalId))
                .post("/api/v1/members/lookup").then().statusCode(200)
                .body("maskedName", equalTo("欧***")).body("highestHonourLevel", equalTo("NATIONAL"))
                .body("honours[0]", equalTo("全国劳动模范 (2015)")).body("nationalIdMasked", nullValue());
        given().auth().oauth2(GOV).get("/api/v1/members/" + id).then().statusCode(403);
    }

    @Test
    void theAuditTrailIsAppendOnlyAndTamperingBreaksTheChain() throws Exception {
        register(HZ, member("卢志刚", newId(LocalDate.of(1971, 1, 1)), "330100"));
        assertThat(audit.verify().intact()).isTrue();
        try (Connection c = TestInfrastructure.postgres().connect("member"); Statement s = c.createStatement()) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(
                    () -> s.executeUpdate("update audit_record set actor = 'someone-else'")))
                    .hasMessageContaining("append-only");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(
                    () -> s.executeUpdate("delete from audit_record")))
                    .hasMessageContaining("append-only");
            // Someone with DDL rights bypasses the trigger: the chain still shows it.
            s.execute("alter table audit_record disable trigger audit_record_no_update");
            s.executeUpdate("update audit_record set actor = 'someone-else' where seq = (select min(seq) from audit_record)");
            s.execute("alter table audit_record enable trigger audit_record_no_update");
        }
        assertThat(audit.verify().firstBrokenSeq()).isPositive();
    }
}
