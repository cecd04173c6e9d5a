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
    void anonymousCallersAreRefused() {
        given().get("/api/v1/honors/types").then().statusCode(401).contentType("application/problem+json");
    }
}
