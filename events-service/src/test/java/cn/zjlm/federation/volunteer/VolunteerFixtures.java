package cn.zjlm.federation.volunteer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import cn.zjlm.federation.local.MemberEvents;
import cn.zjlm.federation.local.MemberEvents.Member;
import cn.zjlm.federation.local.TestTokens;
import cn.zjlm.federation.volunteer.domain.VolunteerMember;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Members fed in by member events, activities set up through the API, and staff tokens. */
final class VolunteerFixtures {
    static final String HZ_STAFF = TestTokens.token("hz-staff", "330100", "city-staff");
    static final String XS_STAFF = TestTokens.token("xs-staff", "330109", "county-staff");
    static final String HU_STAFF = TestTokens.token("hu-staff", "330500", "city-staff");
    static final String ZJ_ADMIN = TestTokens.token("zj-admin", "330000", "province-admin");
    static final String QZ_STAFF = TestTokens.token("qz-staff", "330800", "city-staff");

    private VolunteerFixtures() {
    }

    /** Registers the member and waits until events-service holds them. */
    static Member registered(Member m) {
        MemberEvents.send(m, MemberEvents.event("MemberRegistered", m, 0, "IN_SERVICE", null, List.of()));
        awaitVersion(m, 0);
        return m;
    }

    static Member registered(String association, String name) {
        return registered(MemberEvents.member(association, name));
    }

    static void awaitVersion(Member m, long version) {
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            VolunteerMember row = VolunteerMember.findById(m.id());
            return row != null && row.memberVersion >= version;
        }));
    }

    static String activityJson(String association, String title, OffsetDateTime startsAt, OffsetDateTime endsAt,
            int capacity) {
        return """
                {"associationCode":"%s","kind":"TECHNICAL_SERVICE","title":"%s","startsAt":"%s","endsAt":"%s",
                 "place":"萧山区经济技术开发区","capacity":%d}""".formatted(association, title, startsAt, endsAt, capacity);
    }

    /** A published activity. */
    static UUID published(String token, String association, String title, OffsetDateTime startsAt,
            OffsetDateTime endsAt, int capacity) {
        UUID id = created(token, activityJson(association, title, startsAt, endsAt, capacity));
        given().auth().oauth2(token).post("/api/v1/events/activities/" + id + "/publication").then().statusCode(200);
        return id;
    }

    static UUID created(String token, String json) {
        return UUID.fromString(given().auth().oauth2(token).contentType("application/json").body(json)
                .post("/api/v1/events/activities").then().statusCode(201).extract().path("id"));
    }

    static ValidatableResponse signUp(String token, UUID activity, Member m) {
        return given().auth().oauth2(token).contentType("application/json")
                .body("{\"memberId\":\"" + m.id() + "\"}").post("/api/v1/events/activities/" + activity + "/signups")
                .then();
    }

    static ValidatableResponse attendance(String token, UUID activity, Member m, String in, String out) {
        return given().auth().oauth2(token).contentType("application/json")
                .body(out == null ? "{\"checkedInAt\":\"" + in + "\"}"
                        : "{\"checkedInAt\":\"" + in + "\",\"checkedOutAt\":\"" + out + "\"}")
                .put("/api/v1/events/activities/" + activity + "/signups/" + m.id() + "/attendance").then();
    }

    /** Beijing time. */
    static OffsetDateTime at(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00");
    }
}
