package cn.zjlm.federation.care;

import static cn.zjlm.federation.care.CareFixtures.HU_STAFF;
import static cn.zjlm.federation.care.CareFixtures.NATIONAL_MODEL_WORKER;
import static cn.zjlm.federation.care.CareFixtures.PROVINCIAL_MODEL_WORKER;
import static cn.zjlm.federation.care.CareFixtures.SX_ADMIN;
import static cn.zjlm.federation.care.CareFixtures.SX_FINANCE;
import static cn.zjlm.federation.care.CareFixtures.SX_FINANCE_2;
import static cn.zjlm.federation.care.CareFixtures.SX_STAFF;
import static cn.zjlm.federation.care.CareFixtures.budget;
import static cn.zjlm.federation.care.CareFixtures.etagOf;
import static cn.zjlm.federation.care.CareFixtures.member;
import static cn.zjlm.federation.care.CareFixtures.registered;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.local.EventContracts;
import cn.zjlm.federation.local.MemberEvents;
import cn.zjlm.federation.local.TestInfrastructure;
import cn.zjlm.federation.local.TestTokens;
import cn.zjlm.federation.local.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CareCaseTest {
    @Inject
    EntityManager em;

    static Response apply(String token, String body) {
        return given().auth().oauth2(token).contentType("application/json").body(body).post("/api/v1/care/cases");
    }

    static String topUp(UUID member, String period, String income) {
        return """
                {"programme":"HARDSHIP_TOPUP","memberId":"%s","period":"%s","note":"家庭收入低于同类人员平均水平",
                 "documents":[{"kind":"INCOME_PROOF","name":"收入证明.pdf","reference":"SX-2026-0001"}],
                 "inputs":{"householdIncome":%s,"socialCategory":"URBAN_RESIDENT"}}""".formatted(member, period, income);
    }

    static String specialHardship(UUID member, String period, String gap) {
        return """
                {"programme":"SPECIAL_HARDSHIP","memberId":"%s","period":"%s","inputs":{"costGap":%s}}"""
                .formatted(member, period, gap);
    }

    @Test
    void aTopUpIsAssessedWithAnExplanationWhoseIncomeIsMaskedEncryptedAndDisclosedOnlyWithAReason() {
        var m = registered(member("330602", "孙国庆"), NATIONAL_MODEL_WORKER);
        Response created = apply(SX_STAFF, topUp(m.id(), "2030", "50000.00"));
        created.then().statusCode(201).body("state", equalTo("PENDING_APPROVAL"))
                // 1.15 × 84,000.00 (Shaoxing urban residents, demo figure) − 50,000.00
                .body("amount", equalTo(46600.00f))
                .body("explanation.programme", equalTo("HARDSHIP_TOPUP"))
                .body("explanation.ruleVersion", equalTo(1))
                .body("explanation.ruleAssociation", equalTo("330600"))
                .body("explanation.formula", equalTo("max(0, factor × referenceIncome − householdIncome)"))
                .body("explanation.inputs.factor", equalTo("1.15"))
                .body("explanation.inputs.referenceIncome", equalTo("84000.00"))
                .body("explanation.inputs.householdIncome", equalTo("***"))
                .body("explanation.result", equalTo("46600.00"))
                .body("documents[0].kind", equalTo("INCOME_PROOF"));
        assertThat(created.asString()).doesNotContain("50000.00");
        String id = created.path("id");
        String stored = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select concat(explanation::text, sensitive_inputs) from care_case where id = cast(?1 as uuid)")
                .setParameter(1, id).getSingleResult());
        assertThat(stored).doesNotContain("50000").contains("\"householdIncome\": \"***\"");

        given().auth().oauth2(SX_STAFF).contentType("application/json").body("{\"reason\":\"复核收入\"}")
                .post("/api/v1/care/cases/" + id + "/sensitive-data").then().statusCode(403);
        given().auth().oauth2(SX_FINANCE).contentType("application/json").body("{\"reason\":\"审批前核对家庭收入\"}")
                .post("/api/v1/care/cases/" + id + "/sensitive-data").then().statusCode(200)
                .body("inputs.householdIncome", equalTo("50000.00"));
        long audited = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from audit_record where action = 'PII_DISCLOSED' and target = ?1 and actor = 'sx-finance'"
                        + " and details like '%审批前核对家庭收入%'").setParameter(1, "case/" + id).getSingleResult()).longValue());
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void aRejectionIsRecordedAsSuchWithItsReasonAndOnlyOnce() {
        var m = registered(member("330602", "钱驳回"), NATIONAL_MODEL_WORKER);
        String id = apply(SX_STAFF, topUp(m.id(), "2030", "1000")).then().statusCode(201).extract().path("id");
        given().auth().oauth2(SX_FINANCE).contentType("application/json").body("{\"reason\":\"收入证明与申报不符\"}")
                .post("/api/v1/care/cases/" + id + "/rejection").then().statusCode(200)
                .body("state", equalTo("REJECTED")).body("decisionReason", equalTo("收入证明与申报不符"))
                .body("rejectedBy", equalTo("sx-finance")).body("rejectedAt", org.hamcrest.Matchers.notNullValue())
                .body("approvedBy", equalTo(null)).body("approvedAt", equalTo(null));
        given().auth().oauth2(SX_FINANCE).contentType("application/json").body("{\"reason\":\"再次\"}")
                .post("/api/v1/care/cases/" + id + "/rejection").then().statusCode(409)
                .body("code", equalTo("case-illegal-transition"));
    }

    @Test
    void anIncomeAboveTheTargetGivesZeroAndAMemberWithoutANationalTitleIsRefusedByName() {
        var rich = registered(member("330602", "周富有"), NATIONAL_MODEL_WORKER);
        apply(SX_STAFF, topUp(rich.id(), "2030", "96600.01")).then().statusCode(201).body("amount", equalTo(0.0f))
                .body("explanation.result", equalTo("0.00"));
        var provincial = registered(member("330602", "吴省级"), PROVINCIAL_MODEL_WORKER);
        apply(SX_STAFF, topUp(provincial.id(), "2030", "1000")).then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("not-eligible"))
                .body("detail", containsString("HARDSHIP_TOPUP"));
        apply(SX_STAFF, specialHardship(rich.id(), "2030", "50000.01") .replace("}}", ",\"requestedAmount\":25000.01}}"))
                .then().statusCode(422).body("code", equalTo("amount-above-cap")).body("detail", containsString("25000.00"));
    }

    @Test
    void approvalNeedsFourEyesAndABudgetAndTwoConcurrentApprovalsAndPaymentsPayOnce() throws Exception {
        var m = registered(member("330603", "郑师傅"), NATIONAL_MODEL_WORKER);
        String id = apply(SX_STAFF, specialHardship(m.id(), "2031", "50000.01")).then().statusCode(201)
                .body("amount", equalTo(25000.00f)).body("explanation.inputs.cap", equalTo("25000.00"))
                .body("explanation.inputs.costGap", equalTo("***")).extract().path("id");
        String sxStaffAsFinance = TestTokens.token("sx-staff", "330600", "finance");
        given().auth().oauth2(sxStaffAsFinance).header("If-Match", etagOf("cases/" + id))
                .post("/api/v1/care/cases/" + id + "/approval").then().statusCode(403)
                .body("code", equalTo("four-eyes"));
        given().auth().oauth2(SX_FINANCE).header("If-Match", etagOf("cases/" + id))
                .post("/api/v1/care/cases/" + id + "/approval").then().statusCode(409)
                .body("code", equalTo("budget-missing"));
        budget("330600", "SPECIAL_HARDSHIP", 2031, "1000000.00");

        // both read the case as it stood: the second to take the lock finds it approved meanwhile
        String asRead = etagOf("cases/" + id);
        List<Response> approvals = concurrently(
                () -> given().auth().oauth2(SX_FINANCE).header("If-Match", asRead)
                        .post("/api/v1/care/cases/" + id + "/approval"),
                () -> given().auth().oauth2(SX_FINANCE_2).header("If-Match", asRead)
                        .post("/api/v1/care/cases/" + id + "/approval"));
        assertThat(approvals.stream().map(Response::statusCode).sorted()).containsExactly(200, 412);

        // a payment dated before the approval or after today is refused by name
        for (String day : List.of("2020-01-01", java.time.LocalDate.now().plusDays(2).toString())) {
            given().auth().oauth2(SX_FINANCE).contentType("application/json")
                    .body("{\"outcome\":\"PAID\",\"bankReference\":\"ICBC-X\",\"paidOn\":\"" + day + "\"}")
                    .post("/api/v1/care/cases/" + id + "/payment").then().statusCode(400)
                    .body("errors[0].field", equalTo("paidOn")).body("errors[0].code", equalTo("care.paid-on-range"));
        }
        String paid = "{\"outcome\":\"PAID\",\"bankReference\":\"ICBC-20310115-0001\"}";
        List<Response> payments = concurrently(
                () -> given().auth().oauth2(SX_FINANCE).contentType("application/json").body(paid)
                        .post("/api/v1/care/cases/" + id + "/payment"),
                () -> given().auth().oauth2(SX_FINANCE_2).contentType("application/json").body(paid)
                        .post("/api/v1/care/cases/" + id + "/payment"));
        assertThat(payments.stream().map(Response::statusCode).sorted()).containsExactly(201, 409);
        given().auth().oauth2(SX_STAFF).get("/api/v1/care/cases/" + id).then().body("state", equalTo("PAID"));
        given().auth().oauth2(SX_STAFF).get("/api/v1/care/cases/" + id + "/payments").then().body("size()", equalTo(1));

        // The guarantee is the database's, whatever path writes: a second PAID row is refused.
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "insert into payment (id, case_id, programme_code, beneficiary_index, period, amount, outcome, recorded_by,"
                        + " recorded_at) select gen_random_uuid(), id, programme_code, beneficiary_index, period, amount,"
                        + " 'PAID', 'sql', now() from care_case where id = cast(?1 as uuid)").setParameter(1, id)
                .executeUpdate())).hasStackTraceContaining("payment_once");

        for (String type : List.of("EntitlementApproved", "PaymentRecorded")) {
            var records = TopicReader.await(TestInfrastructure.kafka().bootstrapServers(), EventTopics.CARE,
                    r -> r.value().contains("\"" + type + "\"") && r.value().contains(id), 1, Duration.ofSeconds(30));
            assertThat(records).as(type).hasSize(1);
            assertThat(EventContracts.violations(records.get(0).value())).as(type + " contract").isEmpty();
        }
    }

    @Test
    void anApprovalBeyondTheBudgetIsRefusedWithTheNumbersAndAnnounced() {
        var m = registered(member("330602", "冯大姐"), NATIONAL_MODEL_WORKER);
        int budgetId = budget("330600", "HARDSHIP_TOPUP", 2032, "100.00");
        String id = apply(SX_STAFF, topUp(m.id(), "2032", "50000.00")).then().statusCode(201).extract().path("id");
        given().auth().oauth2(SX_FINANCE).header("Accept-Language", "zh-CN").header("If-Match", etagOf("cases/" + id))
                .post("/api/v1/care/cases/" + id + "/approval")
                .then().statusCode(409).body("code", equalTo("budget-exceeded"))
                .body("detail", containsString("100.00")).body("detail", containsString("46600.00"))
                .body("detail", containsString("仅剩 100.00"));
        given().auth().oauth2(SX_FINANCE).get("/api/v1/care/budgets?year=2032&programme=HARDSHIP_TOPUP").then()
                .statusCode(200).body("find { it.id == " + budgetId + " }.planned", equalTo(46600.00f))
                .body("find { it.id == " + budgetId + " }.approved", equalTo(0))
                .body("find { it.id == " + budgetId + " }.exhaustedAt", notNullValue());
        var records = TopicReader.await(TestInfrastructure.kafka().bootstrapServers(), EventTopics.CARE,
                r -> r.value().contains("\"BudgetExhausted\"") && r.key().equals("budget-" + budgetId), 1,
                Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        assertThat(EventContracts.violations(records.get(0).value())).isEmpty();
        assertThat(records.get(0).value()).contains("\"requested\":\"46600.00\"", "\"remaining\":\"100.00\"");

        // raising the budget lets the same approval through
        int version = given().auth().oauth2(SX_FINANCE).get("/api/v1/care/budgets?year=2032").then().extract()
                .path("find { it.id == " + budgetId + " }.version");
        given().auth().oauth2(SX_FINANCE).header("If-Match", "\"" + version + "\"").contentType("application/json")
                .body("{\"amount\":50000.00}").put("/api/v1/care/budgets/" + budgetId).then().statusCode(200)
                .body("remaining", equalTo(50000.00f)).body("exhaustedAt", equalTo(null));
        given().auth().oauth2(SX_FINANCE).header("If-Match", etagOf("cases/" + id))
                .post("/api/v1/care/cases/" + id + "/approval").then().statusCode(200)
                .body("state", equalTo("APPROVED")).body("budgetId", equalTo(budgetId));
        given().auth().oauth2(SX_FINANCE).get("/api/v1/care/budgets?year=2032&programme=HARDSHIP_TOPUP").then()
                .body("find { it.id == " + budgetId + " }.approved", equalTo(46600.00f))
                .body("find { it.id == " + budgetId + " }.remaining", equalTo(3400.00f));
    }

    @Test
    void aRetriedApplicationWithTheSameIdempotencyKeyIsAnsweredOnceAndAReusedKeyIsRefused() {
        var m = registered(member("330602", "褚阿姨"), NATIONAL_MODEL_WORKER);
        String key = UUID.randomUUID().toString();
        String body = topUp(m.id(), "2033", "1000.00");
        Response first = given().auth().oauth2(SX_STAFF).header("Idempotency-Key", key).contentType("application/json")
                .body(body).post("/api/v1/care/cases");
        first.then().statusCode(201);
        given().auth().oauth2(SX_STAFF).header("Idempotency-Key", key).contentType("application/json").body(body)
                .post("/api/v1/care/cases").then().statusCode(201).header("Idempotency-Replayed", "true")
                .header("ETag", first.header("ETag"))
                .header("Location", first.header("Location")).body("id", equalTo(first.path("id")));
        given().auth().oauth2(SX_STAFF).header("Idempotency-Key", key).contentType("application/json")
                .body(topUp(m.id(), "2034", "1000.00")).post("/api/v1/care/cases").then().statusCode(422)
                .body("code", equalTo("idempotency-key-reused"));
        // without the key the same application is a duplicate, refused by name
        apply(SX_STAFF, body).then().statusCode(409).body("code", equalTo("case-exists"));
        given().auth().oauth2(SX_STAFF).get("/api/v1/care/cases?member=" + m.id()).then().body("total", equalTo(1));
    }

    @Test
    void anotherCitysStaffSeeNothingAndCannotApplyForItsMembers() {
        var m = registered(member("330602", "卫师傅"), NATIONAL_MODEL_WORKER);
        String id = apply(SX_STAFF, topUp(m.id(), "2030", "1000.00")).then().statusCode(201).extract().path("id");
        given().auth().oauth2(HU_STAFF).get("/api/v1/care/cases/" + id).then().statusCode(404);
        given().auth().oauth2(HU_STAFF).get("/api/v1/care/cases?size=200").then().body("items.id", not(hasItem(id)));
        apply(HU_STAFF, topUp(m.id(), "2035", "1000.00")).then().statusCode(404).body("code", equalTo("not-found"));
        given().auth().oauth2(TestTokens.token("hu-finance", "330500", "finance")).header("If-Match", "\"0\"")
                .post("/api/v1/care/cases/" + id + "/approval").then().statusCode(404);
        given().auth().oauth2(TestTokens.token("xs-staff", "330109", "county-staff")).get("/api/v1/care/cases/" + id)
                .then().statusCode(404);
    }

    @Test
    void twoMedicalSubsidiesAssessedSideBySideAreNotBothApprovedAboveTheYearlyCap() {
        var m = registered(member("330602", "医补者"), NATIONAL_MODEL_WORKER);
        budget("330600", "MEDICAL_SUBSIDY", 2039, "1000000.00");
        String body = """
                {"programme":"MEDICAL_SUBSIDY","memberId":"%s","period":"%s","inputs":{"outOfPocketCost":30000}}""";
        // Each is assessed while the other is only pending: 50 % of 30,000, within the 20,000 cap on its own.
        String first = apply(SX_STAFF, body.formatted(m.id(), "2039-03")).then().statusCode(201)
                .body("amount", equalTo(15000.00f)).extract().path("id");
        String second = apply(SX_STAFF, body.formatted(m.id(), "2039-05")).then().statusCode(201)
                .body("amount", equalTo(15000.00f)).body("explanation.inputs.capPerYear", equalTo("20000.00"))
                .extract().path("id");
        given().auth().oauth2(SX_FINANCE).header("If-Match", etagOf("cases/" + first))
                .post("/api/v1/care/cases/" + first + "/approval").then().statusCode(200);
        given().auth().oauth2(SX_FINANCE).header("If-Match", etagOf("cases/" + second))
                .post("/api/v1/care/cases/" + second + "/approval").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("yearly-cap-exceeded"))
                .body("detail", containsString("20000.00"));
        // Assessed again, it gets what remains of the year's cap, and that is approved: as read, not as it stood before.
        String before = etagOf("cases/" + second);
        given().auth().oauth2(SX_STAFF).contentType("application/json").body("{\"outOfPocketCost\":30000}")
                .post("/api/v1/care/cases/" + second + "/assessment").then().statusCode(200)
                .body("amount", equalTo(5000.00f)).body("explanation.inputs.grantedThisYear", equalTo("15000.00"));
        given().auth().oauth2(SX_FINANCE).post("/api/v1/care/cases/" + second + "/approval").then().statusCode(428)
                .contentType("application/problem+json").body("code", equalTo("precondition-required"));
        given().auth().oauth2(SX_FINANCE).header("If-Match", before).post("/api/v1/care/cases/" + second + "/approval")
                .then().statusCode(412).body("code", equalTo("precondition-failed"));
        given().auth().oauth2(SX_FINANCE).header("If-Match", etagOf("cases/" + second))
                .post("/api/v1/care/cases/" + second + "/approval").then().statusCode(200)
                .body("state", equalTo("APPROVED"));
    }

    @Test
    void afterAMoveTheOldAssociationNeitherSetsTheMembersAccountNorLearnsTheNewOnesCaseIds() {
        var m = registered(member("330602", "迁居者"), NATIONAL_MODEL_WORKER);
        String hz = TestTokens.token("hz-staff", "330100", "city-staff");
        String old = apply(SX_STAFF, topUp(m.id(), "2037", "1000.00")).then().statusCode(201).extract().path("id");
        CareFixtures.send(m, MemberEvents.transferred(m, "330102", 1, List.of(NATIONAL_MODEL_WORKER)));
        CareFixtures.awaitVersion(m, 1);
        String account = "{\"accountHolder\":\"迁居者\",\"bankName\":\"绍兴银行\",\"accountNumber\":\"6214831234567890\"}";
        // 绍兴 still reads its own old case, but the member's account is now 杭州's to keep.
        given().auth().oauth2(SX_STAFF).get("/api/v1/care/cases/" + old).then().statusCode(200);
        given().auth().oauth2(SX_STAFF).contentType("application/json").body(account)
                .put("/api/v1/care/cases/" + old + "/payee-account").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("payee-kept-elsewhere"));
        given().auth().oauth2(hz).contentType("application/json").body(account)
                .put("/api/v1/care/members/" + m.id() + "/payee-account").then().statusCode(200);
        // 杭州 applying for the same period learns that a case exists, not which one.
        apply(hz, topUp(m.id(), "2037", "1000.00")).then().statusCode(409)
                .body("code", equalTo("case-exists-elsewhere")).body("detail", not(containsString(old)));
        apply(SX_STAFF, topUp(m.id(), "2038", "1000.00")).then().statusCode(404);
    }

    @Test
    void aDeceasedNationalModelWorkersSpouseIsIncludedOnlyByARecordedDiscretionaryDecision() {
        var deceased = member("330602", "蒋老劳模");
        CareFixtures.send(deceased, CareFixtures.event("MemberRegistered", deceased, 0, "DECEASED", "2025-03-01",
                List.of(NATIONAL_MODEL_WORKER)));
        CareFixtures.awaitVersion(deceased, 0);
        var alive = registered(member("330602", "沈在世"), NATIONAL_MODEL_WORKER);
        String spouse = """
                {"programme":"HARDSHIP_TOPUP","spouse":{"name":"韩秀英","nationalId":"%s","deceasedMemberId":"%s",
                 "noFixedIncome":%s},"period":"2030","inputs":{"householdIncome":12000,"socialCategory":"URBAN_RESIDENT"}}""";
        apply(SX_ADMIN, spouse.formatted("11010519491231002X", alive.id(), true)).then().statusCode(400)
                .body("errors[0].code", equalTo("care.spouse-member-alive"))
                .body("detail", equalTo("One field was rejected; see errors."));
        apply(SX_ADMIN, spouse.formatted("11010519491231002X", deceased.id(), false)).then().statusCode(400)
                .body("errors[0].code", equalTo("care.spouse-has-income"));
        apply(SX_ADMIN, spouse.formatted("110105194912310021", deceased.id(), true)).then().statusCode(400)
                .body("errors[0].field", equalTo("spouse.nationalId"));

        Response created = apply(SX_STAFF, spouse.formatted("11010519491231002X", deceased.id(), true));
        created.then().statusCode(201).body("beneficiaryKind", equalTo("SPOUSE")).body("relatedMemberId",
                equalTo(deceased.id().toString())).body("amount", equalTo(84600.00f)).body("discretion", equalTo(null));
        assertThat(created.asString()).doesNotContain("11010519491231002X");
        String id = created.path("id");
        budget("330600", "HARDSHIP_TOPUP", 2030, "1000000.00");
        given().auth().oauth2(SX_FINANCE).header("If-Match", etagOf("cases/" + id))
                .post("/api/v1/care/cases/" + id + "/approval").then().statusCode(409)
                .body("code", equalTo("discretion-required"));
        given().auth().oauth2(TestTokens.token("sx-staff", "330600", "city-admin")).contentType("application/json")
                .body("{\"reason\":\"自己决定\"}").post("/api/v1/care/cases/" + id + "/discretion").then().statusCode(403)
                .body("code", equalTo("four-eyes"));
        given().auth().oauth2(SX_ADMIN).contentType("application/json")
                .body("{\"reason\":\"配偶无固定收入，因病致困，经会长办公会研究同意纳入\"}")
                .post("/api/v1/care/cases/" + id + "/discretion").then().statusCode(200)
                .body("discretion.decidedBy", equalTo("sx-admin"))
                .body("discretion.reason", containsString("会长办公会"));
        given().auth().oauth2(SX_FINANCE).header("If-Match", etagOf("cases/" + id))
                .post("/api/v1/care/cases/" + id + "/approval").then().statusCode(200)
                .body("state", equalTo("APPROVED"));
        given().auth().oauth2(SX_STAFF).contentType("application/json")
                .body("{\"accountHolder\":\"韩秀英\",\"bankName\":\"绍兴银行\",\"accountNumber\":\"6214831234567890\"}")
                .put("/api/v1/care/cases/" + id + "/payee-account").then().statusCode(200)
                .body("accountNumberMasked", equalTo("6214********7890")).body("verified", equalTo(false));
        String payee = "/api/v1/care/cases/" + id + "/payee-account";
        given().auth().oauth2(SX_FINANCE).header("If-Match", etagOf("cases/" + id + "/payee-account"))
                .post(payee + "/verification").then().statusCode(200).body("verified", equalTo(true));
        // setting the same account again keeps the verification; changing it after approval needs a new one
        given().auth().oauth2(SX_STAFF).contentType("application/json")
                .body("{\"accountHolder\":\"韩秀英\",\"bankName\":\"绍兴银行\",\"accountNumber\":\"6214831234567890\"}")
                .put(payee).then().statusCode(200).body("verified", equalTo(true));
        given().auth().oauth2(SX_STAFF).contentType("application/json")
                .body("{\"accountHolder\":\"韩秀英\",\"bankName\":\"绍兴银行\",\"accountNumber\":\"6214839999999999\"}")
                .put(payee).then().statusCode(200).body("verified", equalTo(false)).body("verifiedBy", equalTo(null));
        // whoever changed it since its last verification cannot verify it, even after a colleague's later edit
        given().auth().oauth2(SX_FINANCE_2).contentType("application/json")
                .body("{\"accountHolder\":\"韩秀英\",\"bankName\":\"绍兴银行越城支行\",\"accountNumber\":\"6214839999999999\"}")
                .put(payee).then().statusCode(200).body("updatedBy", equalTo("sx-finance-2"));
        for (String changer : List.of(TestTokens.token("sx-staff", "330600", "finance"), SX_FINANCE_2)) {
            given().auth().oauth2(changer).header("If-Match", etagOf("cases/" + id + "/payee-account"))
                    .post(payee + "/verification").then().statusCode(403).body("code", equalTo("payee-four-eyes"));
        }
        given().auth().oauth2(SX_FINANCE).header("If-Match", etagOf("cases/" + id + "/payee-account"))
                .post(payee + "/verification").then().statusCode(200).body("verifiedBy", equalTo("sx-finance"));
    }

    @Test
    void aYearlyProgrammePaysOnceAYearWhateverItsPeriodIsCalled() {
        var m = registered(member("330602", "年度一次"), NATIONAL_MODEL_WORKER);
        String first = apply(SX_STAFF, topUp(m.id(), "2034", "1000.00")).then().statusCode(201).extract().path("id");
        // a second top-up for 2034 under another label was a second payment for the same year
        apply(SX_STAFF, topUp(m.id(), "2034-B", "1000.00")).then().statusCode(409)
                .body("code", equalTo("case-exists")).body("detail", containsString(first));
        apply(SX_STAFF, topUp(m.id(), "2035-B", "1000.00")).then().statusCode(201);
    }

    @Test
    void aMembersDeathHoldsTheirPendingCaseWithTheReason() {
        var m = registered(member("330602", "杨师傅"), NATIONAL_MODEL_WORKER);
        String id = apply(SX_STAFF, topUp(m.id(), "2030", "1000.00")).then().statusCode(201).extract().path("id");
        CareFixtures.dies(m, 1, List.of(NATIONAL_MODEL_WORKER));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(SX_STAFF)
                .get("/api/v1/care/cases/" + id).then().body("state", equalTo("HELD"))
                .body("decisionReason", containsString("2026-11-01")));
        given().auth().oauth2(SX_FINANCE).header("If-Match", etagOf("cases/" + id))
                .post("/api/v1/care/cases/" + id + "/approval").then().statusCode(409)
                .body("code", equalTo("case-illegal-transition"));
        apply(SX_STAFF, topUp(m.id(), "2036", "1000.00")).then().statusCode(422).body("code", equalTo("not-eligible"));
    }

    @Test
    void theBanksPaymentIsRecordedForACaseHeldAfterItsApproval() {
        var m = registered(member("330602", "批后离世"), NATIONAL_MODEL_WORKER);
        budget("330600", "HARDSHIP_TOPUP", 2041, "1000000.00");
        String id = apply(SX_STAFF, topUp(m.id(), "2041", "1000.00")).then().statusCode(201).extract().path("id");
        given().auth().oauth2(SX_FINANCE).header("If-Match", etagOf("cases/" + id))
                .post("/api/v1/care/cases/" + id + "/approval").then().statusCode(200);
        // the bank file has gone out when the death arrives: the line is held, but the bank's payment is on record
        CareFixtures.dies(m, 1, List.of(NATIONAL_MODEL_WORKER));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(SX_STAFF)
                .get("/api/v1/care/cases/" + id).then().body("state", equalTo("HELD")));
        given().auth().oauth2(SX_FINANCE).contentType("application/json")
                .body("{\"outcome\":\"PAID\",\"bankReference\":\"ICBC-HELD-0001\"}")
                .post("/api/v1/care/cases/" + id + "/payment").then().statusCode(201);
        given().auth().oauth2(SX_STAFF).get("/api/v1/care/cases/" + id).then().body("state", equalTo("PAID"));
    }

    @Test
    void aTitleRevokedAfterTheAssessmentHoldsTheCaseUntilAssessedAgainForTheTitleLeft() {
        var m = registered(member("330602", "称号撤销"), NATIONAL_MODEL_WORKER, CareFixtures.CITY_CRAFTSMAN);
        String id = apply(SX_STAFF, """
                {"programme":"SPRING_FESTIVAL","memberId":"%s","period":"2042","inputs":{}}""".formatted(m.id()))
                .then().statusCode(201).body("amount", equalTo(3000.00f))
                .body("explanation.inputs.honourLevel", equalTo("NATIONAL")).extract().path("id");
        var revoked = new cn.zjlm.federation.local.MemberEvents.Honour("MODEL_WORKER", "NATIONAL", "全国劳动模范", 2015,
                false, "2026-11-20");
        CareFixtures.send(m, CareFixtures.event("MemberUpdated", m, 1, "IN_SERVICE", null,
                List.of(revoked, CareFixtures.CITY_CRAFTSMAN)));
        // still eligible by the city title, but not for the national amount it was assessed at
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(SX_STAFF)
                .get("/api/v1/care/cases/" + id).then().body("state", equalTo("HELD"))
                .body("decisionReason", containsString("CITY")));
        given().auth().oauth2(SX_STAFF).contentType("application/json").body("{}")
                .post("/api/v1/care/cases/" + id + "/assessment").then().statusCode(200)
                .body("state", equalTo("PENDING_APPROVAL")).body("amount", equalTo(1000.00f))
                .body("explanation.inputs.honourLevel", equalTo("CITY"));
    }

    @Test
    void aMemberAppliesThemselvesAndStaffAssess() {
        var m = CareFixtures.memberWithAccount("330602", "朱劳模", "lm-zhu");
        registered(m, NATIONAL_MODEL_WORKER);
        String me = TestTokens.token("lm-zhu", "330602", "member");
        String id = apply(me, """
                {"programme":"SPECIAL_HARDSHIP","period":"2030","note":"今年住院两次，自付医疗费较多"}""")
                .then().statusCode(201).body("state", equalTo("APPLIED")).body("amount", equalTo(null))
                .body("memberId", equalTo(m.id().toString())).extract().path("id");
        apply(me, specialHardship(UUID.randomUUID(), "2030", "1")).then().statusCode(403);
        given().auth().oauth2(me).get("/api/v1/care/cases/mine").then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(me).get("/api/v1/care/cases/" + id).then().statusCode(403);
        given().auth().oauth2(SX_STAFF).contentType("application/json").body("{\"costGap\":120000}")
                .post("/api/v1/care/cases/" + id + "/assessment").then().statusCode(200)
                .body("state", equalTo("PENDING_APPROVAL")).body("amount", equalTo(37500.00f))
                .body("assessedBy", equalTo("sx-staff"));
    }

    @Test
    void aRuleVersionOutsideTheOfficialRangeIsRefusedFieldByField() {
        given().auth().oauth2(SX_ADMIN).contentType("application/json").body("""
                {"associationCode":"330600","validFrom":"2090-01-01","source":"测试",
                 "parameters":{"factor":"1.25"}}""").post("/api/v1/care/programmes/HARDSHIP_TOPUP/rules").then()
                .statusCode(400).body("errors[0].field", equalTo("parameters.factor"))
                .body("errors[0].code", equalTo("care.rule-factor-range"));
        given().auth().oauth2(SX_ADMIN).contentType("application/json").body("""
                {"associationCode":"330600","validFrom":"2090-01-01","source":"测试",
                 "parameters":{"tiers":[{"gapUpTo":"50000","cap":"1"},{"gapUpTo":"40000","cap":"2"},{"gapUpTo":null,"cap":"3"}]}}""")
                .post("/api/v1/care/programmes/SPECIAL_HARDSHIP/rules").then().statusCode(400)
                .body("errors[0].field", equalTo("parameters.tiers[1].gapUpTo"));
        given().auth().oauth2(SX_ADMIN).contentType("application/json").body("""
                {"associationCode":"330600","validFrom":"2090-01-01","source":"测试",
                 "parameters":{"tiers":[{"gapUpTo":"50000","cap":"lots"},{"gapUpTo":null,"cap":"3"}]}}""")
                .post("/api/v1/care/programmes/SPECIAL_HARDSHIP/rules").then().statusCode(400)
                .body("errors[0].field", equalTo("parameters.tiers[0].cap"));
        // A figure that would overflow a case's amount is a typo, refused here rather than failing every case later.
        given().auth().oauth2(SX_ADMIN).contentType("application/json").body("""
                {"associationCode":"330600","validFrom":"2090-01-01","source":"测试",
                 "parameters":{"amountsByLevel":{"NATIONAL":"20000000000"}}}""")
                .post("/api/v1/care/programmes/SPRING_FESTIVAL/rules").then().statusCode(400)
                .body("errors[0].field", equalTo("parameters.amountsByLevel.NATIONAL"))
                .body("errors[0].code", equalTo("care.rule-figure-too-large"));
        given().auth().oauth2(SX_ADMIN).contentType("application/json").body("""
                {"associationCode":"330600","validFrom":"2090-01-01","source":"2090 年调整",
                 "parameters":{"factor":"1.12","eligibility":{"levels":["NATIONAL"],"nationalTreatment":true}}}""")
                .post("/api/v1/care/programmes/HARDSHIP_TOPUP/rules").then().statusCode(201)
                .body("version", equalTo(2)).body("parameters.factor", equalTo("1.12"));
    }

    private static List<Response> concurrently(Callable<Response> a, Callable<Response> b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Response> fa = pool.submit(a);
            Future<Response> fb = pool.submit(b);
            return List.of(fa.get(), fb.get());
        } finally {
            pool.shutdown();
        }
    }
}
