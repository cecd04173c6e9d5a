package cn.zjlm.federation.care;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;

import cn.zjlm.federation.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProgrammeTest {
    private static final String SX_FINANCE = TestTokens.token("sx-finance", "330600", "finance");
    private static final String HZ = TestTokens.token("hz-staff", "330100", "city-staff");

    @Test
    void shaoxingSeesItsSpecialHardshipTiersAsVersionedData() {
        given().auth().oauth2(SX_FINANCE).get("/api/v1/care/programmes").then().statusCode(200)
                .body("code", hasItems("HARDSHIP_TOPUP", "SPECIAL_HARDSHIP", "SPRING_FESTIVAL", "CRAFTSMAN_AWARD"));
        given().auth().oauth2(SX_FINANCE).get("/api/v1/care/programmes/SPECIAL_HARDSHIP/rules").then().statusCode(200)
                .body("[0].associationCode", equalTo("330600"))
                .body("[0].version", equalTo(1))
                .body("[0].parameters.tiers[0].cap", equalTo("12500.00"))
                .body("[0].parameters.tiers[3].gapUpTo", equalTo(null));
    }

    @Test
    void anotherCitysRulesAreNotListed() {
        given().auth().oauth2(HZ).get("/api/v1/care/programmes/SPECIAL_HARDSHIP/rules").then().statusCode(200)
                .body("associationCode", everyItem(equalTo("330100")))
                .body("size()", greaterThan(0));
        given().auth().oauth2(HZ).get("/api/v1/care/programmes/NOPE/rules").then().statusCode(404);
    }

    @Test
    void controlCharactersInRuleParametersAreAFieldErrorNotADatabaseFailure() {
        String admin = TestTokens.token("hz-admin", "330100", "city-admin");
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"associationCode\":\"330100\",\"validFrom\":\"2099-01-01\",\"parameters\":"
                        + "{\"amountsByLevel\":{\"CITY\":\"1000.00\\u0000\"}},\"source\":\"测试\"}")
                .post("/api/v1/care/programmes/SPRING_FESTIVAL/rules").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("parameters"))
                .body("errors[0].code", equalTo("text.control-characters"));
    }

    @Test
    void membersCannotReadCareRules() {
        given().auth().oauth2(TestTokens.token("lm-chen", "330109", "member")).get("/api/v1/care/programmes")
                .then().statusCode(403).contentType("application/problem+json");
    }
}
