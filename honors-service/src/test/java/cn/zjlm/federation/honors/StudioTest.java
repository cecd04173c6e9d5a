package cn.zjlm.federation.honors;

import static cn.zjlm.federation.honors.HonorsFixtures.HU_STAFF;
import static cn.zjlm.federation.honors.HonorsFixtures.HZ_ADMIN;
import static cn.zjlm.federation.honors.HonorsFixtures.HZ_REVIEWER;
import static cn.zjlm.federation.honors.HonorsFixtures.XS_STAFF;
import static cn.zjlm.federation.honors.HonorsFixtures.ZJ_ADMIN;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StudioTest {

    static String apply(String token, String name, String association) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("kind", "INNOVATION_STUDIO",
                        "name", name, "associationCode", association, "hostUnit", "萧山供电公司", "leaderName", "俞建明"))
                .post("/api/v1/honors/studios").then().statusCode(201).extract().path("id");
    }

    static List<Map<String, Object>> scores(int leader, int team, int facilities, int projects, int training) {
        return List.of(Map.of("criterion", "LEADER", "score", leader), Map.of("criterion", "TEAM", "score", team),
                Map.of("criterion", "FACILITIES", "score", facilities), Map.of("criterion", "PROJECTS", "score", projects),
                Map.of("criterion", "TRAINING", "score", training));
    }

    @Test
    void aStudioIsInspectedAgainstTheChecklistNamedAndFilesOutcomesThatAddUp() {
        String passing = apply(XS_STAFF, "俞建明劳模创新工作室 " + System.nanoTime(), "330109");
        String failing = apply(XS_STAFF, "测试工作室 " + System.nanoTime(), "330109");
        // the applicant's own association cannot inspect
        given().auth().oauth2(XS_STAFF).contentType(ContentType.JSON).body(Map.of("scores", scores(20, 15, 15, 30, 20)))
                .post("/api/v1/honors/studios/" + passing + "/inspection").then().statusCode(403);
        // every criterion, none above its maximum
        given().auth().oauth2(HZ_REVIEWER).contentType(ContentType.JSON)
                .body(Map.of("scores", List.of(Map.of("criterion", "LEADER", "score", 25))))
                .post("/api/v1/honors/studios/" + passing + "/inspection").then().statusCode(400)
                .body("errors.code", hasItem("studio.score-above-maximum"));
        given().auth().oauth2(HZ_REVIEWER).contentType(ContentType.JSON).body(Map.of("scores", scores(18, 12, 14, 26, 15)))
                .post("/api/v1/honors/studios/" + passing + "/inspection").then().statusCode(200)
                .body("inspectionScore", equalTo(85)).body("state", equalTo("INSPECTED"));
        given().auth().oauth2(HZ_REVIEWER).contentType(ContentType.JSON).body(Map.of("scores", scores(15, 10, 10, 24, 20)))
                .post("/api/v1/honors/studios/" + failing + "/inspection").then().statusCode(200)
                .body("inspectionScore", equalTo(79)).body("state", equalTo("REJECTED"));

        // a city names at city level at most
        given().auth().oauth2(HZ_ADMIN).contentType(ContentType.JSON).body(Map.of("level", "PROVINCIAL"))
                .post("/api/v1/honors/studios/" + passing + "/naming").then().statusCode(400);
        given().auth().oauth2(HZ_ADMIN).contentType(ContentType.JSON).body(Map.of("level", "CITY"))
                .post("/api/v1/honors/studios/" + passing + "/naming").then().statusCode(200)
                .body("state", equalTo("NAMED")).body("level", equalTo("CITY"));

        int year = cn.zjlm.federation.commons.time.ChinaTime.today().getYear(); // the server dates in Beijing time
        given().auth().oauth2(XS_STAFF).contentType(ContentType.JSON).body(Map.of("innovationProjects", 7, "patents", 3,
                        "economicBenefit", "1250.50", "peopleTrained", 40))
                .put("/api/v1/honors/studios/" + passing + "/outcomes/" + year).then().statusCode(204);
        // a correction replaces the year's figures rather than adding to them
        given().auth().oauth2(XS_STAFF).contentType(ContentType.JSON).body(Map.of("innovationProjects", 8, "patents", 3,
                        "economicBenefit", "1300.00", "peopleTrained", 42))
                .put("/api/v1/honors/studios/" + passing + "/outcomes/" + year).then().statusCode(204);
        given().auth().oauth2(XS_STAFF).contentType(ContentType.JSON).body(Map.of("innovationProjects", 1, "patents", 0,
                        "economicBenefit", "1", "peopleTrained", 1))
                .put("/api/v1/honors/studios/" + failing + "/outcomes/" + year).then().statusCode(409);

        given().auth().oauth2(XS_STAFF).get("/api/v1/honors/studios/statistics?year=" + year).then().statusCode(200)
                .body("find { it.associationCode == '330109' && it.kind == 'INNOVATION_STUDIO' }.named",
                        equalTo(countNamed(XS_STAFF)))
                .body("find { it.associationCode == '330109' }.innovationProjects",
                        org.hamcrest.Matchers.greaterThanOrEqualTo(8));
        // a studio named this year was not among the named studios of the year before
        given().auth().oauth2(XS_STAFF).get("/api/v1/honors/studios/statistics?year=" + (year - 1)).then()
                .statusCode(200).body("find { it.associationCode == '330109' && it.kind == 'INNOVATION_STUDIO' }.named",
                        org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.nullValue(),
                                org.hamcrest.Matchers.lessThan(countNamed(XS_STAFF))));
        // Huzhou sees neither the studio nor its figures
        given().auth().oauth2(HU_STAFF).get("/api/v1/honors/studios/" + passing).then().statusCode(404);
        given().auth().oauth2(HU_STAFF).get("/api/v1/honors/studios/statistics?year=" + year).then()
                .body("associationCode", org.hamcrest.Matchers.not(hasItem("330109")));
        given().auth().oauth2(ZJ_ADMIN).get("/api/v1/honors/studios?state=NAMED").then().body("id", hasItem(passing));
    }

    static int countNamed(String token) {
        return given().auth().oauth2(token).get("/api/v1/honors/studios?kind=INNOVATION_STUDIO&state=NAMED").then()
                .extract().path("findAll { it.associationCode == '330109' }.size()");
    }
}
