package cn.zjlm.federation.care;

import cn.zjlm.federation.commons.time.ChinaTime;
import static cn.zjlm.federation.care.CareFixtures.HU_STAFF;
import static cn.zjlm.federation.care.CareFixtures.SX_STAFF;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import cn.zjlm.federation.local.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PetitionTest {
    @Inject
    EntityManager em;

    static String petition(String association, String category, LocalDate received) {
        return """
                {"associationCode":"%s","channel":"CALL","category":"%s","petitionerName":"陶阿姨",
                 "phone":"13857512345","summary":"询问劳模证明开具流程","receivedOn":"%s"}"""
                .formatted(association, category, received);
    }

    @Test
    void everyPetitionGetsAPolicyDeadlineTheOverdueAreListedAndTheOnTimeShareIsCounted() {
        LocalDate today = ChinaTime.today();
        // received a while ago: its 5-day deadline has passed
        String late = given().auth().oauth2(SX_STAFF).contentType("application/json")
                .body(petition("330621", "HONOUR_CERTIFICATE", today.minusDays(9))).post("/api/v1/care/petitions")
                .then().statusCode(201).body("replyDue", equalTo(today.minusDays(4).toString()))
                .body("overdue", equalTo(true)).body("phoneMasked", equalTo("138****2345")).extract().path("id");
        String fresh = given().auth().oauth2(SX_STAFF).contentType("application/json")
                .body(petition("330621", "HARDSHIP_HELP", today)).post("/api/v1/care/petitions").then().statusCode(201)
                .body("replyDue", equalTo(today.plusDays(15).toString())).body("overdue", equalTo(false))
                .extract().path("id");
        String stored = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select contact_cipher from petition where id = cast(?1 as uuid)").setParameter(1, late).getSingleResult());
        assertThat(stored).doesNotContain("13857512345");

        given().auth().oauth2(SX_STAFF).get("/api/v1/care/petitions?overdue=true&size=200").then().statusCode(200)
                .body("items.id", hasItem(late)).body("items.id", not(hasItem(fresh)));
        given().auth().oauth2(SX_STAFF).contentType("application/json").body("{\"assignee\":\"权益保障部 王科长\"}")
                .post("/api/v1/care/petitions/" + fresh + "/assignment").then().statusCode(200)
                .body("status", equalTo("ASSIGNED"));
        given().auth().oauth2(SX_STAFF).contentType("application/json").body("{\"reply\":\"已电话告知办理流程并寄送材料清单\"}")
                .post("/api/v1/care/petitions/" + fresh + "/reply").then().statusCode(200)
                .body("status", equalTo("REPLIED")).body("overdue", equalTo(false));
        given().auth().oauth2(SX_STAFF).contentType("application/json").body("{\"reply\":\"再次答复\"}")
                .post("/api/v1/care/petitions/" + fresh + "/reply").then().statusCode(409)
                .body("code", equalTo("petition-replied"));
        given().auth().oauth2(SX_STAFF).contentType("application/json").body("{\"reply\":\"逾期答复\"}")
                .post("/api/v1/care/petitions/" + late + "/reply").then().statusCode(200).body("overdue", equalTo(true));

        given().auth().oauth2(TestTokens.token("sx-county", "330621", "county-staff"))
                .get("/api/v1/care/petitions/statistics?year=" + today.getYear()).then().statusCode(200)
                .body("replied", equalTo(today.minusDays(9).getYear() == today.getYear() ? 2 : 1))
                .body("overdue", equalTo(0));
        given().auth().oauth2(HU_STAFF).get("/api/v1/care/petitions/" + late).then().statusCode(404);
        given().auth().oauth2(SX_STAFF).contentType("application/json")
                .body(petition("330621", "NO_SUCH", today)).post("/api/v1/care/petitions").then().statusCode(400)
                .body("errors[0].code", equalTo("care.petition-category-unknown"));
        given().auth().oauth2(HU_STAFF).contentType("application/json")
                .body(petition("330621", "OTHER", today)).post("/api/v1/care/petitions").then().statusCode(400)
                .body("errors[0].code", equalTo("association-code.out-of-scope"));
    }
}
