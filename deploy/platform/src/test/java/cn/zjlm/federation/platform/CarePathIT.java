package cn.zjlm.federation.platform;

import static cn.zjlm.federation.platform.HonoursPathIT.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.zjlm.federation.commons.identity.NationalIdNumber;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Care through the gateway with real Keycloak tokens: member events feed eligibility; money moves once. */
class CarePathIT {
    @Test
    void aShaoxingNationalModelWorkersTopUpIsAssessedApprovedByFinanceAndPaidOnce() {
        String memberId = FirstPathIT.create("sx-staff", FirstPathIT.member("娄志刚",
                NationalIdNumber.compose("330602", LocalDate.of(1956, 4, 9), 518), "13812345671", "330602"));
        as("sx-staff").body(Map.of("category", "MODEL_WORKER", "level", "NATIONAL", "title", "全国劳动模范",
                "conferringBody", "中共中央、国务院", "year", 2010))
                .post("/api/v1/members/" + memberId + "/honours").then().statusCode(201);
        Map<String, Object> application = Map.of("programme", "HARDSHIP_TOPUP", "memberId", memberId, "period", "2029",
                "inputs", Map.of("householdIncome", 60000, "socialCategory", "URBAN_RESIDENT"));
        // eligibility comes from member events: the application succeeds once the honour has reached care-service
        String caseId = await().atMost(Duration.ofSeconds(30)).until(() -> {
            var r = as("sx-staff").body(application).post("/api/v1/care/cases");
            return r.statusCode() == 201 ? r.<String>path("id") : null;
        }, id -> id != null);
        as("sx-staff").get("/api/v1/care/cases/" + caseId).then().statusCode(200)
                .body("amount", equalTo(36600.00f)) // 1.15 × 84,000.00 − 60,000.00
                .body("explanation.inputs.householdIncome", equalTo("***"));
        as("hu-staff").get("/api/v1/care/cases/" + caseId).then().statusCode(404);
        as("sx-staff").post("/api/v1/care/cases/" + caseId + "/approval").then().statusCode(403);

        int year = 2029;
        as("sx-finance").body(Map.of("associationCode", "330600", "programme", "HARDSHIP_TOPUP", "year", year,
                "amount", 500000)).post("/api/v1/care/budgets").then().statusCode(201);
        String asRead = as("sx-finance").get("/api/v1/care/cases/" + caseId).then().statusCode(200).extract()
                .header("ETag");
        as("sx-finance").header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", asRead)
                .post("/api/v1/care/cases/" + caseId + "/approval").then().statusCode(200)
                .body("state", equalTo("APPROVED")).body("approvedBy", equalTo("sx-finance"));
        String key = UUID.randomUUID().toString();
        Map<String, Object> paid = Map.of("outcome", "PAID", "bankReference", "ICBC-E2E-0001");
        as("sx-finance").header("Idempotency-Key", key).body(paid).post("/api/v1/care/cases/" + caseId + "/payment")
                .then().statusCode(201);
        as("sx-finance").header("Idempotency-Key", key).body(paid).post("/api/v1/care/cases/" + caseId + "/payment")
                .then().statusCode(201).header("Idempotency-Replayed", "true");
        as("sx-finance").body(paid).post("/api/v1/care/cases/" + caseId + "/payment").then().statusCode(409);
        as("sx-finance").get("/api/v1/care/cases/" + caseId + "/payments").then().statusCode(200)
                .body("size()", equalTo(1));
        as("sx-finance").get("/api/v1/care/budgets?year=" + year + "&programme=HARDSHIP_TOPUP").then()
                .body("find { it.associationCode == '330600' }.paid", equalTo(36600.00f));
    }
}
