package cn.zjlm.federation.honors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import cn.zjlm.federation.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HonourCatalogueTest {
    private static final String SX = TestTokens.token("sx-staff", "330600", "city-staff");

    @Test
    void catalogueListsNationalProvincialAndCityTitles() {
        given().auth().oauth2(SX).get("/api/v1/honors/types").then().statusCode(200)
                .body("code", hasItems("CN-MODEL-WORKER", "ZJ-CRAFTSMAN", "SX-CRAFTSMAN", "CN-PIONEER-TEAM"));
        given().auth().oauth2(SX).get("/api/v1/honors/types?level=NATIONAL").then().statusCode(200)
                .body("level", everyItem(equalTo("NATIONAL")));
        given().auth().oauth2(SX).get("/api/v1/honors/types/SX-CRAFTSMAN").then().statusCode(200)
                .body("name", equalTo("绍兴工匠")).body("associationCode", equalTo("330600"));
        given().auth().oauth2(SX).get("/api/v1/honors/types/NOPE").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aCampaignIsOpenedOnlyForATitleInForceInItsYear() {
        String code = "HZ-RETIRED-" + java.util.UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> cn.zjlm.federation.honors.domain.HonourType
                .getEntityManager().createNativeQuery("insert into honour_type (code, name, name_en, category, level, "
                        + "conferring_body, collective, association_code, valid_to) values (?1, '杭州市已停评称号', "
                        + "'Retired title', 'CRAFTSMAN', 'CITY', '杭州市人民政府', false, '330100', date '2020-12-31')")
                .setParameter(1, code).executeUpdate());
        String hzAdmin = TestTokens.token("hz-admin", "330100", "city-admin");
        java.time.LocalDate today = java.time.LocalDate.now();
        given().auth().oauth2(hzAdmin).contentType("application/json").body(java.util.Map.of("honourType", code,
                        "year", today.getYear(), "title", "停评称号评选", "totalPlaces", 5,
                        "nominationOpens", today.toString(), "nominationCloses", today.plusDays(30).toString(),
                        "quotas", java.util.List.of(java.util.Map.of("associationCode", "330100", "places", 1)),
                        "rules", java.util.List.of()))
                .post("/api/v1/honors/campaigns").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("honourType"))
                .body("errors[0].code", equalTo("campaign.honour-type-not-in-force"));
    }

    @Test
    void anonymousCallersAreRefused() {
        given().get("/api/v1/honors/types").then().statusCode(401).contentType("application/problem+json");
    }
}
