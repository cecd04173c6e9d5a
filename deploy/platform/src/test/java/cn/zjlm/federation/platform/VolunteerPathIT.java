package cn.zjlm.federation.platform;

import static cn.zjlm.federation.platform.HonoursPathIT.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import cn.zjlm.federation.commons.identity.NationalIdNumber;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Volunteer service through the gateway with real Keycloak tokens; members come from member events. */
class VolunteerPathIT {
    private static String activity(String user, String association, String title, OffsetDateTime start, int hours) {
        Map<String, Object> body = new HashMap<>(Map.of("associationCode", association, "kind", "TECHNICAL_SERVICE",
                "title", title, "startsAt", start.toString(), "endsAt", start.plusHours(hours).toString(),
                "place", "萧山经济技术开发区", "capacity", 20));
        String id = as(user).body(body).post("/api/v1/events/activities").then().statusCode(201).extract().path("id");
        as(user).post("/api/v1/events/activities/" + id + "/publication").then().statusCode(200);
        return id;
    }

    @Test
    void aNewMemberServesAtAnActivityAndTheHoursReachTheStatistics() {
        String memberId = FirstPathIT.create("xs-staff", FirstPathIT.member("俞志愿",
                NationalIdNumber.compose("330109", LocalDate.of(1968, 3, 2), 417), "13812345672", "330109"));
        String id = activity("xs-staff", "330109", "助企行·闰日服务", OffsetDateTime.parse("2024-02-29T09:00:00+08:00"), 3);
        // The member reaches events-service by member events: sign-up succeeds once they have arrived.
        await().atMost(Duration.ofSeconds(30)).until(() -> as("xs-staff").body(Map.of("memberId", memberId))
                .post("/api/v1/events/activities/" + id + "/signups").statusCode() == 201);
        as("xs-staff").body(Map.of("checkedInAt", "2024-02-29T09:00:00+08:00", "checkedOutAt", "2024-02-29T11:30:00+08:00"))
                .put("/api/v1/events/activities/" + id + "/signups/" + memberId + "/attendance").then().statusCode(200)
                .body("hours", equalTo(2.5f));
        as("xs-staff").body(Map.of("problemsSolved", 1, "peopleReached", 12))
                .post("/api/v1/events/activities/" + id + "/completion").then().statusCode(200);

        as("hz-staff").get("/api/v1/events/statistics?associationCode=330109&from=2024-02-29&to=2024-02-29").then()
                .statusCode(200).body("total.activities", equalTo(1)).body("total.hours", equalTo(2.5f))
                .body("total.personTimes", equalTo(1)).body("total.problemsSolved", equalTo(1));
        as("hu-staff").get("/api/v1/events/activities/" + id).then().statusCode(404);
        as("hu-staff").get("/api/v1/events/statistics?associationCode=330109").then().statusCode(404);
    }

    @Test
    void theDemoMemberSignsUpChecksInWithTheVenueCodeAndTheCalendarIsPublic() {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(2).withNano(0);
        String id = activity("xs-staff", "330109", "劳模进校园·萧山", start, 2);
        as("lm-chen").get("/api/v1/events/me/activities").then().statusCode(200).body("id", hasItem(id));
        as("lm-chen").body(Map.of("activityId", id)).post("/api/v1/events/me/signups").then().statusCode(201)
                .body("status", equalTo("ENROLLED"));
        String code = as("xs-staff").body(Map.of("purpose", "CHECK_IN"))
                .post("/api/v1/events/activities/" + id + "/attendance-codes").then().statusCode(201).extract().path("code");
        as("lm-chen").body(Map.of("activityId", id, "code", code)).post("/api/v1/events/me/attendance").then()
                .statusCode(200).body("checkedInAt", notNullValue());
        as("reviewer").get("/api/v1/events/activities/" + id).then().statusCode(403);

        String ics = given().baseUri(E2E.gateway()).get("/api/v1/public/events/calendar/330100.ics").then()
                .statusCode(200).extract().asString();
        assertThat(ics.replace("\r\n ", "")).contains("UID:" + id + "@federation.zjlm.cn", "SUMMARY:劳模进校园·萧山");
    }
}
