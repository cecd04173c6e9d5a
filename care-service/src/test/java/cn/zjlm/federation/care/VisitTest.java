package cn.zjlm.federation.care;

import cn.zjlm.federation.commons.time.ChinaTime;
import static cn.zjlm.federation.care.CareFixtures.CITY_CRAFTSMAN;
import static cn.zjlm.federation.care.CareFixtures.HU_STAFF;
import static cn.zjlm.federation.care.CareFixtures.SX_STAFF;
import static cn.zjlm.federation.care.CareFixtures.born;
import static cn.zjlm.federation.care.CareFixtures.registered;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VisitTest {
    static List<String> due(String kind) {
        return given().auth().oauth2(SX_STAFF).get("/api/v1/care/visits/due?kind=" + kind).then().statusCode(200)
                .extract().jsonPath().getList("memberId");
    }

    @Test
    void dueListsNameBirthdaysThisWeekTheEightyPlusAndThoseInHospitalAndVisitsAreLogged() {
        LocalDate today = ChinaTime.today();
        var birthday = registered(born("330624", "新昌寿星", today.plusDays(2).minusYears(70)), CITY_CRAFTSMAN);
        var notYet = registered(born("330624", "新昌下月", today.plusDays(20).minusYears(70)), CITY_CRAFTSMAN);
        var elder = registered(born("330624", "新昌耄耋", today.minusYears(85)), CITY_CRAFTSMAN);
        var gone = born("330624", "新昌已故", today.minusYears(90));
        CareFixtures.send(gone, CareFixtures.event("MemberRegistered", gone, 0, "DECEASED", "2025-01-01",
                List.of(CITY_CRAFTSMAN)));
        CareFixtures.awaitVersion(gone, 0);

        assertThat(due("BIRTHDAY_WEEK")).contains(birthday.id().toString()).doesNotContain(notYet.id().toString());
        assertThat(due("AGE_80")).contains(elder.id().toString()).doesNotContain(gone.id().toString(),
                birthday.id().toString());
        assertThat(due("IN_HOSPITAL")).doesNotContain(elder.id().toString());

        String stay = given().auth().oauth2(SX_STAFF).contentType("application/json")
                .body("{\"admittedOn\":\"" + today + "\",\"hospital\":\"新昌县人民医院\"}")
                .post("/api/v1/care/members/" + elder.id() + "/hospital-stays").then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(SX_STAFF).contentType("application/json")
                .body("{\"admittedOn\":\"" + today + "\",\"hospital\":\"另一家医院\"}")
                .post("/api/v1/care/members/" + elder.id() + "/hospital-stays").then().statusCode(409)
                .body("code", equalTo("hospital-stay-open"));
        given().auth().oauth2(SX_STAFF).get("/api/v1/care/visits/due?kind=IN_HOSPITAL").then()
                .body("find { it.memberId == '" + elder.id() + "' }.inHospitalSince", equalTo(today.toString()));

        given().auth().oauth2(SX_STAFF).contentType("application/json").body("""
                {"memberId":"%s","visitedOn":"%s","occasion":"ILLNESS","visitors":"县总工会 李主席、王干事",
                 "gifts":"慰问金、水果","giftValue":1000.00,"notes":"精神尚好，家属陪护"}""".formatted(elder.id(), today))
                .post("/api/v1/care/visits").then().statusCode(201).body("occasion", equalTo("ILLNESS"));
        given().auth().oauth2(SX_STAFF).contentType("application/json").body("""
                {"memberId":"%s","visitedOn":"%s","occasion":"OTHER","visitors":"x"}""".formatted(elder.id(),
                today.plusDays(1))).post("/api/v1/care/visits").then().statusCode(400)
                .body("errors[0].code", equalTo("care.visit-in-future"));
        given().auth().oauth2(SX_STAFF).get("/api/v1/care/members/" + elder.id() + "/visits").then().statusCode(200)
                .body("[0].visitors", equalTo("县总工会 李主席、王干事")).body("[0].giftValue", equalTo(1000.00f));
        given().auth().oauth2(SX_STAFF).get("/api/v1/care/visits/due?kind=AGE_80").then()
                .body("find { it.memberId == '" + elder.id() + "' }.lastVisitedOn", equalTo(today.toString()))
                .body("find { it.memberId == '" + elder.id() + "' }.age", equalTo(85));

        given().auth().oauth2(SX_STAFF).post("/api/v1/care/members/" + elder.id() + "/hospital-stays/" + stay
                + "/discharge").then().statusCode(204);
        assertThat(due("IN_HOSPITAL")).doesNotContain(elder.id().toString());

        // a long list comes a page at a time, with the number of all beside it
        List<String> all = due("AGE_80");
        var first = given().auth().oauth2(SX_STAFF).get("/api/v1/care/visits/due?kind=AGE_80&size=1").then()
                .statusCode(200).header("X-Total-Count", Integer.toString(all.size())).extract();
        assertThat(first.jsonPath().getList("memberId")).containsExactly(all.get(0));
        given().auth().oauth2(SX_STAFF).get("/api/v1/care/visits/due?kind=AGE_80&size=2001").then().statusCode(400);
        given().auth().oauth2(HU_STAFF).get("/api/v1/care/visits/due?kind=AGE_80").then().statusCode(200)
                .body("memberId", not(hasItem(elder.id().toString())));
        given().auth().oauth2(HU_STAFF).get("/api/v1/care/members/" + elder.id() + "/visits").then().statusCode(404);
    }
}
