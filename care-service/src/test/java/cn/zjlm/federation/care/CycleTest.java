package cn.zjlm.federation.care;

import static cn.zjlm.federation.care.CareFixtures.CITY_CRAFTSMAN;
import static cn.zjlm.federation.care.CareFixtures.NATIONAL_MODEL_WORKER;
import static cn.zjlm.federation.care.CareFixtures.PROVINCIAL_MODEL_WORKER;
import static cn.zjlm.federation.care.CareFixtures.SX_FINANCE;
import static cn.zjlm.federation.care.CareFixtures.SX_STAFF;
import static cn.zjlm.federation.care.CareFixtures.budget;
import static cn.zjlm.federation.care.CareFixtures.etagOf;
import static cn.zjlm.federation.care.CareFixtures.member;
import static cn.zjlm.federation.care.CareFixtures.registered;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import cn.zjlm.federation.local.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CycleTest {
    @Inject
    EntityManager em;

    static JsonPath lines(String cycleId) {
        return given().auth().oauth2(SX_STAFF).get("/api/v1/care/cases?size=200&cycle=" + cycleId).then()
                .statusCode(200).extract().jsonPath();
    }

    static String paymentFile(String cycleId) {
        return given().auth().oauth2(SX_FINANCE).contentType("application/json")
                .body("{\"format\":\"csv\",\"reason\":\"2027 春节慰问金代发\"}")
                .post("/api/v1/care/cycles/" + cycleId + "/payment-file").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
    }

    static String lineOf(JsonPath lines, cn.zjlm.federation.local.MemberEvents.Member m, String field) {
        return String.valueOf(lines.getString("items.find { it.memberId == '" + m.id() + "' }." + field));
    }

    @Test
    void aSpringFestivalCycleGeneratesByLevelReRunsAddOnlyTheNewAndADeathBeforeApprovalIsHeldWithItsReason() {
        // its own county, so other tests' members do not change the counts
        var national = registered(member("330681", "诸暨国家级"), NATIONAL_MODEL_WORKER);
        // lines are written by COPY (escaping: BulkCopyTest); the fixture's events take no JSON escapes in names
        var provincial = registered(member("330681", "诸暨省级,甲"), PROVINCIAL_MODEL_WORKER, CITY_CRAFTSMAN);
        var dying = registered(member("330681", "诸暨市级"), CITY_CRAFTSMAN);
        var noTitle = registered(member("330681", "诸暨无称号"));
        budget("330600", "SPRING_FESTIVAL", 2027, "1000000.00");

        String cycle = given().auth().oauth2(SX_STAFF).contentType("application/json")
                .body("{\"programme\":\"SPRING_FESTIVAL\",\"period\":\"2027\",\"associationCode\":\"330681\"}")
                .post("/api/v1/care/cycles").then().statusCode(201)
                .body("lastGeneration.added", equalTo(3)).body("lastGeneration.ineligible", equalTo(1))
                .body("lines.PENDING_APPROVAL.count", equalTo(3))
                .body("lines.PENDING_APPROVAL.amount", equalTo(6000.00f)).extract().path("id");
        JsonPath lines = lines(cycle);
        assertThat(lineOf(lines, national, "amount")).isEqualTo("3000.0");
        assertThat(lineOf(lines, provincial, "amount")).isEqualTo("2000.0");
        assertThat(lineOf(lines, provincial, "explanation.inputs.honourLevel")).isEqualTo("PROVINCIAL");
        assertThat(lineOf(lines, provincial, "beneficiaryName")).isEqualTo("诸暨省级,甲");
        assertThat(lineOf(lines, provincial, "explanation.ruleVersion")).isNotEqualTo("null");
        assertThat(lineOf(lines, provincial, "createdBy")).isEqualTo("sx-staff");
        assertThat(lineOf(lines, dying, "amount")).isEqualTo("1000.0");
        assertThat(lines.getList("items.memberId")).doesNotContain(noTitle.id().toString());

        given().auth().oauth2(SX_STAFF).contentType("application/json")
                .body("{\"programme\":\"SPRING_FESTIVAL\",\"period\":\"2027\",\"associationCode\":\"330681\"}")
                .post("/api/v1/care/cycles").then().statusCode(409).body("code", equalTo("cycle-exists"));

        // a re-run adds only who became eligible since
        var newcomer = registered(member("330681", "诸暨新晋"), CITY_CRAFTSMAN);
        given().auth().oauth2(SX_STAFF).post("/api/v1/care/cycles/" + cycle + "/generation").then().statusCode(200)
                .body("lastGeneration.added", equalTo(1)).body("lastGeneration.alreadyPresent", equalTo(3));
        assertThat(lineOf(lines(cycle), newcomer, "state")).isEqualTo("PENDING_APPROVAL");

        // dies between generation and approval
        CareFixtures.dies(dying, 1, List.of(CITY_CRAFTSMAN));
        await().atMost(Duration.ofSeconds(30)).until(() -> "HELD".equals(lineOf(lines(cycle), dying, "state")));

        given().auth().oauth2(TestTokens.token("sx-staff", "330600", "finance"))
                .header("If-Match", etagOf("cycles/" + cycle))
                .post("/api/v1/care/cycles/" + cycle + "/approval").then().statusCode(403).body("code", equalTo("four-eyes"));
        given().auth().oauth2(SX_FINANCE).post("/api/v1/care/cycles/" + cycle + "/approval").then().statusCode(428);
        given().auth().oauth2(SX_FINANCE).header("If-Match", etagOf("cycles/" + cycle))
                .post("/api/v1/care/cycles/" + cycle + "/approval").then().statusCode(200)
                .body("approved", equalTo(3)).body("approvedAmount", equalTo(6000.00f))
                .body("held[0].name", equalTo("诸暨市级")).body("held[0].reason", containsString("2026-11-01"));
        JsonPath after = lines(cycle);
        assertThat(lineOf(after, national, "state")).isEqualTo("APPROVED");
        assertThat(lineOf(after, dying, "state")).isEqualTo("HELD");

        // the bank file: clear account numbers for the bank, audited; a missing account is flagged, and an account is
        // paid to only once a second person has verified it
        String account = "/api/v1/care/members/" + national.id() + "/payee-account";
        String set = given().auth().oauth2(SX_STAFF).contentType("application/json")
                .body("{\"accountHolder\":\"诸暨国家级\",\"bankName\":\"中国工商银行诸暨支行\",\"accountNumber\":\"6222021234567890123\"}")
                .put(account).then().statusCode(200)
                .body("accountNumberMasked", equalTo("6222***********0123")).body("verified", equalTo(false))
                .extract().header("ETag");
        String unverified = paymentFile(cycle);
        assertThat(unverified).contains("收款账户待复核", "3000.00").doesNotContain("6222021234567890123");
        given().auth().oauth2(TestTokens.token("sx-staff", "330600", "finance")).header("If-Match", set)
                .post(account + "/verification").then().statusCode(403).body("code", equalTo("payee-four-eyes"));
        given().auth().oauth2(SX_FINANCE).post(account + "/verification").then().statusCode(428);
        given().auth().oauth2(SX_FINANCE).header("If-Match", set).post(account + "/verification").then().statusCode(200)
                .body("verified", equalTo(true)).body("verifiedBy", equalTo("sx-finance"));
        given().auth().oauth2(SX_FINANCE).header("If-Match", etagOf("members/" + national.id() + "/payee-account"))
                .post(account + "/verification").then().statusCode(409).body("code", equalTo("payee-account-verified"));
        String file = paymentFile(cycle);
        assertThat(file).contains("6222021234567890123", "3000.00", "缺少收款账户").doesNotContain("诸暨市级", "待复核");
        assertThat(file.lines().count()).isEqualTo(4); // header + 3 approved lines
        long audited = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from audit_record where action = 'PAYMENT_FILE_EXPORTED' and target = ?1")
                .setParameter(1, "cycle/" + cycle).getSingleResult()).longValue());
        assertThat(audited).isEqualTo(2);

        String nationalCase = lineOf(after, national, "id");
        String provincialCase = lineOf(after, provincial, "id");
        String heldCase = lineOf(after, dying, "id");
        given().auth().oauth2(SX_FINANCE).contentType("application/json").body("""
                {"lines":[{"caseId":"%s","outcome":"PAID","bankReference":"ICBC-1"},
                          {"caseId":"%s","outcome":"FAILED","failureReason":"账户已销户"},
                          {"caseId":"%s","outcome":"PAID"}]}""".formatted(nationalCase, provincialCase, heldCase))
                .post("/api/v1/care/cycles/" + cycle + "/payments").then().statusCode(200)
                .body("[0].result", equalTo("PAID")).body("[1].result", equalTo("FAILED"))
                .body("[2].result", equalTo("REFUSED")).body("[2].reason", containsString("HELD"));
        given().auth().oauth2(SX_FINANCE).get("/api/v1/care/cycles/" + cycle).then().statusCode(200)
                .body("lines.PAID.count", equalTo(1)).body("lines.PAYMENT_FAILED.count", equalTo(1))
                .body("lines.HELD.count", equalTo(1));
        given().auth().oauth2(SX_FINANCE).get("/api/v1/care/budgets?year=2027&programme=SPRING_FESTIVAL").then()
                .body("find { it.associationCode == '330600' }.paid", greaterThanOrEqualTo(3000.0f));
        given().auth().oauth2(CareFixtures.HU_STAFF).get("/api/v1/care/cycles/" + cycle).then().statusCode(404);
        given().auth().oauth2(CareFixtures.HU_STAFF).get("/api/v1/care/cycles").then().body("id", not(hasItem(cycle)));
    }
}
