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

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TripTest {
    static String trip(String batch, LocalDate starts, int capacity) {
        return given().auth().oauth2(SX_STAFF).contentType("application/json").body("""
                {"associationCode":"330683","route":"杭州临安 天目山疗休养基地","batch":"%s","startsOn":"%s",
                 "endsOn":"%s","capacity":%d,"restYears":3}""".formatted(batch, starts, starts.plusDays(4), capacity))
                .post("/api/v1/care/trips").then().statusCode(201).extract().path("id");
    }

    static void enrol(String trip, cn.zjlm.federation.local.MemberEvents.Member m, int status) {
        given().auth().oauth2(SX_STAFF).contentType("application/json").body("{\"memberId\":\"" + m.id() + "\"}")
                .post("/api/v1/care/trips/" + trip + "/enrolments").then().statusCode(status);
    }

    @Test
    void thePriorityListPutsTheRestedAndOldestFirstAndTheWaitingListMovesUpInOrder() {
        LocalDate today = ChinaTime.today();
        var oldest = registered(born("330683", "嵊州最年长", today.minusYears(78)), CITY_CRAFTSMAN);
        var middle = registered(born("330683", "嵊州次年长", today.minusYears(70)), CITY_CRAFTSMAN);
        var youngest = registered(born("330683", "嵊州最年轻", today.minusYears(50)), CITY_CRAFTSMAN);

        // the oldest went last year: within the 3-year rest period, so ranks after the others
        String lastYear = trip("2025 第一批", today.minusYears(1), 10);
        enrol(lastYear, oldest, 201);

        String trip = trip("第二批", today.plusDays(30), 1);
        List<String> order = given().auth().oauth2(SX_STAFF).get("/api/v1/care/trips/" + trip + "/priority").then()
                .statusCode(200).extract().jsonPath().getList("findAll { it.associationCode == '330683' }.name");
        assertThat(order).containsSubsequence("嵊州次年长", "嵊州最年轻", "嵊州最年长");
        given().auth().oauth2(SX_STAFF).get("/api/v1/care/trips/" + trip + "/priority").then()
                .body("find { it.name == '嵊州最年长' }.restedLongEnough", equalTo(false));

        enrol(trip, middle, 201);
        enrol(trip, youngest, 201);
        enrol(trip, middle, 409);
        given().auth().oauth2(SX_STAFF).get("/api/v1/care/trips/" + trip).then().statusCode(200)
                .body("enrolled.name", equalTo(List.of("嵊州次年长")))
                .body("waiting.name", equalTo(List.of("嵊州最年轻")));
        given().auth().oauth2(SX_STAFF).contentType("application/json").body("{\"reason\":\"住院，无法成行\"}")
                .post("/api/v1/care/trips/" + trip + "/enrolments/" + middle.id() + "/withdrawal").then().statusCode(200)
                .body("enrolled.name", equalTo(List.of("嵊州最年轻"))).body("waiting.size()", equalTo(0));
        given().auth().oauth2(SX_STAFF).get("/api/v1/care/members/" + middle.id() + "/trips").then().statusCode(200)
                .body("[0].status", equalTo("CANCELLED")).body("[0].reason", equalTo("住院，无法成行"));
        given().auth().oauth2(HU_STAFF).get("/api/v1/care/trips/" + trip).then().statusCode(404);
    }
}
