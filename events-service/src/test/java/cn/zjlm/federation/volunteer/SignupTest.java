package cn.zjlm.federation.volunteer;

import static cn.zjlm.federation.volunteer.VolunteerFixtures.HU_STAFF;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.HZ_STAFF;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.ZJ_ADMIN;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.at;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.published;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.registered;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.signUp;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import cn.zjlm.federation.local.MemberEvents;
import cn.zjlm.federation.local.MemberEvents.Member;
import cn.zjlm.federation.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SignupTest {

    private static String status(UUID activity, Member m) {
        return given().auth().oauth2(HZ_STAFF).get("/api/v1/events/activities/" + activity + "/signups").then()
                .statusCode(200).extract().path("find { it.memberId == '" + m.id() + "' }.status");
    }

    @Test
    void concurrentSignUpsFillTheCapacityAndTheRestWaitInOrderThenMoveUp() throws Exception {
        UUID activity = published(HZ_STAFF, "330100", "助企行 并发报名", at("2027-03-01T09:00"), at("2027-03-01T12:00"), 3);
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            members.add(registered("330102", "并发" + i));
        }
        var pool = Executors.newFixedThreadPool(10);
        List<Future<Integer>> results = new ArrayList<>();
        for (Member m : members) {
            results.add(pool.submit((Callable<Integer>) () -> signUp(HZ_STAFF, activity, m).extract().statusCode()));
        }
        for (Future<Integer> r : results) {
            assertThat(r.get()).isEqualTo(201);
        }
        pool.shutdown();

        var list = given().auth().oauth2(HZ_STAFF).get("/api/v1/events/activities/" + activity + "/signups").then()
                .statusCode(200).extract().jsonPath();
        assertThat(list.getList("findAll { it.status == 'ENROLLED' }.position")).containsExactly(1, 2, 3);
        assertThat(list.getList("findAll { it.status == 'WAITING' }.position")).containsExactly(1, 2, 3, 4, 5, 6, 7);
        given().auth().oauth2(HZ_STAFF).get("/api/v1/events/activities/" + activity).then()
                .body("enrolled", equalTo(3)).body("waiting", equalTo(7));

        String firstEnrolled = list.getString("find { it.status == 'ENROLLED' }.memberId");
        String firstWaiting = list.getString("find { it.status == 'WAITING' && it.position == 1 }.memberId");
        String secondWaiting = list.getString("find { it.status == 'WAITING' && it.position == 2 }.memberId");
        given().auth().oauth2(HZ_STAFF).contentType("application/json").body("{\"reason\":\"家中有事\"}")
                .post("/api/v1/events/activities/" + activity + "/signups/" + firstEnrolled + "/cancellation").then()
                .statusCode(200).body("status", equalTo("CANCELLED"));
        var after = given().auth().oauth2(HZ_STAFF).get("/api/v1/events/activities/" + activity + "/signups").then()
                .extract().jsonPath();
        assertThat(after.getString("find { it.memberId == '" + firstWaiting + "' }.status")).isEqualTo("ENROLLED");
        assertThat(after.getString("find { it.memberId == '" + secondWaiting + "' }.position")).isEqualTo("1");
        assertThat(after.getList("findAll { it.status == 'ENROLLED' }")).hasSize(3);
        assertThat(after.getString("find { it.memberId == '" + firstEnrolled + "' }.cancelReason")).isEqualTo("家中有事");
    }

    @Test
    void aMemberCannotBeBookedOnOverlappingActivities() {
        Member m = registered("330102", "冲突测试");
        UUID morning = published(HZ_STAFF, "330100", "上午宣讲", at("2027-04-01T09:00"), at("2027-04-01T12:00"), 5);
        UUID midday = published(HZ_STAFF, "330100", "中午义诊", at("2027-04-01T11:00"), at("2027-04-01T14:00"), 5);
        UUID afternoon = published(HZ_STAFF, "330100", "下午进校园", at("2027-04-01T12:00"), at("2027-04-01T15:00"), 5);
        signUp(HZ_STAFF, morning, m).statusCode(201);
        signUp(HZ_STAFF, midday, m).statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("signup-overlap")).body("detail", containsString("上午宣讲"))
                .body("detail", containsString("2027-04-01 09:00")); // Beijing time, as people read it
        signUp(HZ_STAFF, afternoon, m).statusCode(201);
        signUp(HZ_STAFF, morning, m).statusCode(409).body("code", equalTo("signup-exists"));
    }

    @Test
    void aWaitingPlaceCountsAsABookingSoAPromotionNeverCreatesAnOverlap() {
        Member holder = registered("330102", "占位人");
        Member waiter = registered("330102", "候补人");
        UUID full = published(HZ_STAFF, "330100", "满员活动", at("2027-05-01T09:00"), at("2027-05-01T12:00"), 1);
        UUID other = published(HZ_STAFF, "330100", "同时段活动", at("2027-05-01T10:00"), at("2027-05-01T11:00"), 5);
        signUp(HZ_STAFF, full, holder).statusCode(201).body("status", equalTo("ENROLLED"));
        signUp(HZ_STAFF, full, waiter).statusCode(201).body("status", equalTo("WAITING")).body("position", equalTo(1));
        signUp(HZ_STAFF, other, waiter).statusCode(409).body("code", equalTo("signup-overlap"));
    }

    @Test
    void aDeceasedMembersFutureSignUpsAreCancelledTheWaitingListMovesUpAndHistoryStays() {
        Member m = registered("330102", "王建国");
        Member next = registered("330102", "李候补");
        UUID past = published(HZ_STAFF, "330100", "去年的助企行", at("2026-03-01T09:00"), at("2026-03-01T11:00"), 5);
        signUp(HZ_STAFF, past, m).statusCode(201);
        VolunteerFixtures.attendance(HZ_STAFF, past, m, "2026-03-01T09:00:00+08:00", "2026-03-01T11:00:00+08:00")
                .statusCode(200).body("hours", equalTo(2.0f));
        UUID future = published(HZ_STAFF, "330100", "明年的宣讲", at("2027-06-01T09:00"), at("2027-06-01T11:00"), 1);
        signUp(HZ_STAFF, future, m).statusCode(201).body("status", equalTo("ENROLLED"));
        signUp(HZ_STAFF, future, next).statusCode(201).body("status", equalTo("WAITING"));
        UUID team = UUID.fromString(given().auth().oauth2(HZ_STAFF).contentType("application/json")
                .body("{\"associationCode\":\"330100\",\"name\":\"技术攻坚队-" + UUID.randomUUID()
                        + "\",\"specialty\":\"TECHNICAL_BREAKTHROUGH\",\"leaderId\":\"" + m.id() + "\"}")
                .post("/api/v1/events/teams").then().statusCode(201).body("activeMembers", equalTo(1)).extract()
                .path("id"));

        MemberEvents.send(m, MemberEvents.event("MemberDeceased", m, 1, "DECEASED", "2026-11-01", List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED".equals(status(future, m)));

        var cancelled = given().auth().oauth2(HZ_STAFF).get("/api/v1/events/activities/" + future + "/signups").then()
                .extract().jsonPath();
        assertThat(cancelled.getString("find { it.memberId == '" + next.id() + "' }.status")).isEqualTo("ENROLLED");
        // The cancelled row is kept: the member's history shows it with the reason, and the past one untouched.
        given().auth().oauth2(HZ_STAFF).get("/api/v1/events/activities/" + past + "/signups").then()
                .body("find { it.memberId == '" + m.id() + "' }.status", equalTo("ENROLLED"))
                .body("find { it.memberId == '" + m.id() + "' }.hours", equalTo(2.0f));
        given().auth().oauth2(HZ_STAFF).get("/api/v1/events/teams/" + team).then().body("activeMembers", equalTo(0))
                .body("members[0].leftReason", containsString("去世")).body("leaderId", equalTo(null));
        UUID another = published(HZ_STAFF, "330100", "再一次", at("2027-07-01T09:00"), at("2027-07-01T11:00"), 5);
        signUp(HZ_STAFF, another, m).statusCode(422).body("code", equalTo("not-eligible"))
                .body("detail", containsString("2026-11-01"));
    }

    @Test
    void aMoveAwayCancelsSignUpsTheNewAssociationIsOutsideOfButKeepsProvincialOnes() {
        Member m = registered("330102", "赵迁出");
        UUID city = published(HZ_STAFF, "330100", "杭州市活动", at("2027-08-01T09:00"), at("2027-08-01T11:00"), 5);
        UUID province = published(ZJ_ADMIN, "330000", "全省工匠日", at("2027-09-26T09:00"), at("2027-09-26T11:00"), 50);
        signUp(HZ_STAFF, city, m).statusCode(201);
        signUp(ZJ_ADMIN, province, m).statusCode(201);
        MemberEvents.send(m, MemberEvents.transferred(m, "330502", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED".equals(status(city, m)));
        given().auth().oauth2(HZ_STAFF).get("/api/v1/events/activities/" + city + "/signups").then()
                .body("find { it.memberId == '" + m.id() + "' }.cancelReason", containsString("330502"));
        given().auth().oauth2(ZJ_ADMIN).get("/api/v1/events/activities/" + province + "/signups").then()
                .body("find { it.memberId == '" + m.id() + "' }.status", equalTo("ENROLLED"));
    }

    /** A 上城区 member registered with a login of their own, and that login's token. */
    private record Login(Member member, String token) {
    }

    private static Login memberWithLogin(String name) {
        String username = "lm-" + UUID.randomUUID();
        return new Login(registered(MemberEvents.memberWithAccount("330102", name, username)),
                TestTokens.token(username, "330102", "member"));
    }

    private static OffsetDateTime inTwoHours() {
        return OffsetDateTime.now(ZoneOffset.ofHours(8)).plusHours(2).withNano(0);
    }

    @Test
    void aCheckOutBeforeTheArrivalStaffRecordedIsRefusedNotA500() {
        Login login = memberWithLogin("早到者");
        Member m = login.member();
        String member = login.token();
        OffsetDateTime start = inTwoHours();
        UUID activity = published(HZ_STAFF, "330100", "劳模宣讲", start, start.plusHours(2), 20);
        given().auth().oauth2(member).contentType("application/json").body("{\"activityId\":\"" + activity + "\"}")
                .post("/api/v1/events/me/signups").then().statusCode(201);
        // staff record an arrival a few minutes ahead (allowed for clock skew)
        String ahead = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusMinutes(4).withNano(0).toString();
        given().auth().oauth2(HZ_STAFF).contentType("application/json").body("{\"checkedInAt\":\"" + ahead + "\"}")
                .put("/api/v1/events/activities/" + activity + "/signups/" + m.id() + "/attendance").then().statusCode(200);
        String checkOut = given().auth().oauth2(HZ_STAFF).contentType("application/json").body("{\"purpose\":\"CHECK_OUT\"}")
                .post("/api/v1/events/activities/" + activity + "/attendance-codes").then().statusCode(201)
                .extract().path("code");
        given().auth().oauth2(member).contentType("application/json")
                .body("{\"activityId\":\"" + activity + "\",\"code\":\"" + checkOut + "\"}")
                .post("/api/v1/events/me/attendance").then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("check-out-before-check-in"));
    }

    @Test
    void aMemberSignsUpThemselfAndChecksInAndOutWithTheVenueCodes() {
        Login login = memberWithLogin("陈师傅");
        Member m = login.member();
        String member = login.token();
        OffsetDateTime start = inTwoHours();
        UUID activity = published(HZ_STAFF, "330100", "劳模进校园", start, start.plusHours(2), 20);
        UUID elsewhere = published(HU_STAFF, "330500", "湖州的活动", start.plusDays(1), start.plusDays(1).plusHours(1), 20);

        given().auth().oauth2(member).get("/api/v1/events/me/activities").then().statusCode(200)
                .body("id", hasItem(activity.toString())).body("id", not(hasItem(elsewhere.toString())));
        given().auth().oauth2(member).contentType("application/json")
                .body("{\"activityId\":\"" + elsewhere + "\"}").post("/api/v1/events/me/signups").then().statusCode(404);
        given().auth().oauth2(member).contentType("application/json").body("{\"activityId\":\"" + activity + "\"}")
                .post("/api/v1/events/me/signups").then().statusCode(201).body("status", equalTo("ENROLLED"));

        String checkIn = given().auth().oauth2(HZ_STAFF).contentType("application/json")
                .body("{\"purpose\":\"CHECK_IN\",\"validMinutes\":15}")
                .post("/api/v1/events/activities/" + activity + "/attendance-codes").then().statusCode(201)
                .header("Cache-Control", "no-store").extract().path("code");
        String wrong = checkIn.equals("000000") ? "111111" : "000000";
        given().auth().oauth2(member).contentType("application/json")
                .body("{\"activityId\":\"" + activity + "\",\"code\":\"" + wrong + "\"}")
                .post("/api/v1/events/me/attendance").then().statusCode(400)
                .body("errors[0].field", equalTo("code"));
        given().auth().oauth2(member).contentType("application/json")
                .body("{\"activityId\":\"" + activity + "\",\"code\":\"" + checkIn + "\"}")
                .post("/api/v1/events/me/attendance").then().statusCode(200).body("checkedInAt", notNullValue());
        given().auth().oauth2(HZ_STAFF).get("/api/v1/events/activities/" + activity).then()
                .body("state", equalTo("ONGOING"));
        // The code is one-time for the member: entering it again is refused.
        given().auth().oauth2(member).contentType("application/json")
                .body("{\"activityId\":\"" + activity + "\",\"code\":\"" + checkIn + "\"}")
                .post("/api/v1/events/me/attendance").then().statusCode(409).body("code", equalTo("attendance-recorded"));

        String checkOut = given().auth().oauth2(HZ_STAFF).contentType("application/json").body("{\"purpose\":\"CHECK_OUT\"}")
                .post("/api/v1/events/activities/" + activity + "/attendance-codes").then().statusCode(201)
                .extract().path("code");
        given().auth().oauth2(member).contentType("application/json")
                .body("{\"activityId\":\"" + activity + "\",\"code\":\"" + checkOut + "\"}")
                .post("/api/v1/events/me/attendance").then().statusCode(200).body("checkedOutAt", notNullValue());
        given().auth().oauth2(member).get("/api/v1/events/me/signups").then().statusCode(200)
                .body("find { it.activityId == '" + activity + "' }.checkedOutAt", notNullValue());
        given().auth().oauth2(HZ_STAFF).get("/api/v1/events/activities/" + activity + "/signups").then()
                .body("find { it.memberId == '" + m.id() + "' }.checkedInAt", notNullValue());
    }

    @Test
    void afterFiveWrongCodesOnlyStaffCanCheckTheMemberIn() {
        String username = "lm-" + UUID.randomUUID();
        registered(MemberEvents.memberWithAccount("330102", "钱猜码", username));
        String member = TestTokens.token(username, "330102", "member");
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusHours(3).withNano(0);
        UUID activity = published(HZ_STAFF, "330100", "猜码测试", start, start.plusHours(1), 5);
        given().auth().oauth2(member).contentType("application/json").body("{\"activityId\":\"" + activity + "\"}")
                .post("/api/v1/events/me/signups").then().statusCode(201);
        String code = given().auth().oauth2(HZ_STAFF).contentType("application/json").body("{\"purpose\":\"CHECK_IN\"}")
                .post("/api/v1/events/activities/" + activity + "/attendance-codes").then().extract().path("code");
        String wrong = code.equals("999999") ? "888888" : "999999";
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(member).contentType("application/json")
                    .body("{\"activityId\":\"" + activity + "\",\"code\":\"" + wrong + "\"}")
                    .post("/api/v1/events/me/attendance").then().statusCode(400);
        }
        given().auth().oauth2(member).contentType("application/json")
                .body("{\"activityId\":\"" + activity + "\",\"code\":\"" + code + "\"}")
                .post("/api/v1/events/me/attendance").then().statusCode(403)
                .body("code", equalTo("attendance-code-locked"));
    }

    @Test
    void anotherCitysActivitiesAndSignUpsAreInvisible() {
        Member m = registered("330102", "孙保密");
        UUID activity = published(HZ_STAFF, "330100", "杭州内部活动", at("2027-10-01T09:00"), at("2027-10-01T11:00"), 5);
        signUp(HZ_STAFF, activity, m).statusCode(201);
        given().auth().oauth2(HU_STAFF).get("/api/v1/events/activities/" + activity).then().statusCode(404);
        given().auth().oauth2(HU_STAFF).get("/api/v1/events/activities/" + activity + "/signups").then().statusCode(404);
        signUp(HU_STAFF, activity, m).statusCode(404);
        given().auth().oauth2(HU_STAFF).get("/api/v1/events/activities?size=200").then().statusCode(200)
                .body("items.id", not(hasItem(activity.toString())));
        // A Huzhou activity cannot take a Hangzhou member, even for the province admin.
        UUID huzhou = published(HU_STAFF, "330500", "湖州活动", at("2027-10-02T09:00"), at("2027-10-02T11:00"), 5);
        signUp(ZJ_ADMIN, huzhou, m).statusCode(404);
    }

    /** A 杭州 activity of one past day the member signed up to and attended from {@code in} to {@code out}. */
    private static UUID attended(Member m, String title, String startsAt, String endsAt, String in, String out,
            float hours) {
        UUID activity = published(HZ_STAFF, "330100", title, at(startsAt), at(endsAt), 5);
        signUp(HZ_STAFF, activity, m).statusCode(201);
        String day = startsAt.substring(0, 10);
        VolunteerFixtures.attendance(HZ_STAFF, activity, m, day + "T" + in + ":00+08:00", day + "T" + out + ":00+08:00")
                .statusCode(200).body("hours", equalTo(hours));
        return activity;
    }

    @Test
    void aSignUpCannotBeCancelledOnceTheMemberCheckedInAndAWithdrawnDepartureWithdrawsTheHours() {
        Member m = registered("330102", "更正考勤");
        UUID activity = attended(m, "考勤更正", "2026-02-01T09:00", "2026-02-01T12:00", "09:00", "10:00", 1.0f);
        given().auth().oauth2(HZ_STAFF).contentType("application/json").body("{\"reason\":\"误报\"}")
                .post("/api/v1/events/activities/" + activity + "/signups/" + m.id() + "/cancellation").then()
                .statusCode(409).body("code", equalTo("signup-attended"));
        // Only an arrival after all: the hour recorded before is withdrawn.
        VolunteerFixtures.attendance(HZ_STAFF, activity, m, "2026-02-01T09:00:00+08:00", null).statusCode(200)
                .body("hours", equalTo(null)).body("checkedOutAt", equalTo(null));
        given().auth().oauth2(HZ_STAFF).get("/api/v1/events/hours?memberId=" + m.id()).then()
                .body("items[0].status", equalTo("REJECTED")).body("items[0].hours", equalTo(0.0f));
    }

    @Test
    void aDayHoldsTwentyFourHoursOfOffSiteWork() {
        Member m = registered("330102", "远程指导");
        String work = "{\"memberId\":\"" + m.id() + "\",\"work\":{\"workDate\":\"2026-05-01\",\"hours\":%s,"
                + "\"description\":\"远程技术指导\"}}";
        given().auth().oauth2(HZ_STAFF).contentType("application/json").body(work.formatted("16"))
                .post("/api/v1/events/hours").then().statusCode(201);
        // the same day logged again (a retry without a key, or a second clerk): refused by name
        given().auth().oauth2(HZ_STAFF).contentType("application/json").body(work.formatted("16"))
                .post("/api/v1/events/hours").then().statusCode(400)
                .body("errors[0].field", equalTo("hours")).body("errors[0].code", equalTo("events.hours-day-full"));
        given().auth().oauth2(HZ_STAFF).contentType("application/json").body(work.formatted("8"))
                .post("/api/v1/events/hours").then().statusCode(201);
    }

    @Test
    void aDaysAttendanceCountsTowardsItsTwentyFourHoursAndIsNotLoggedAgainAsOffSiteWork() {
        Member m = registered("330102", "签到加远程");
        UUID activity = attended(m, "上午服务", "2026-05-02T08:00", "2026-05-02T11:00", "08:00", "11:00", 3.0f);
        String work = "{\"memberId\":\"" + m.id() + "\",\"work\":{\"workDate\":\"2026-05-02\",\"hours\":%s,"
                + "\"description\":\"远程技术指导\"%s}}";
        given().auth().oauth2(HZ_STAFF).contentType("application/json").body(work.formatted("22", ""))
                .post("/api/v1/events/hours").then().statusCode(400)
                .body("errors[0].code", equalTo("events.hours-day-full"));
        given().auth().oauth2(HZ_STAFF).contentType("application/json")
                .body(work.formatted("2", ",\"activityId\":\"" + activity + "\""))
                .post("/api/v1/events/hours").then().statusCode(400)
                .body("errors[0].field", equalTo("workDate"))
                .body("errors[0].code", equalTo("events.hours-counted-from-attendance"));
        given().auth().oauth2(HZ_STAFF).contentType("application/json").body(work.formatted("21", ""))
                .post("/api/v1/events/hours").then().statusCode(201);
    }

    @Test
    void rescheduledTimesMayNotDoubleBookAMemberAndTheOrganiserStaysOnceMembersSignedUp() {
        Member m = registered("330102", "改期测试");
        UUID first = published(HZ_STAFF, "330100", "先定的活动", at("2027-12-01T09:00"), at("2027-12-01T11:00"), 5);
        UUID moving = published(HZ_STAFF, "330100", "要改期的活动", at("2027-12-02T09:00"), at("2027-12-02T11:00"), 5);
        signUp(HZ_STAFF, first, m).statusCode(201);
        signUp(HZ_STAFF, moving, m).statusCode(201);
        String etag = given().auth().oauth2(HZ_STAFF).get("/api/v1/events/activities/" + moving).then().extract()
                .header("ETag");
        given().auth().oauth2(HZ_STAFF).contentType("application/json").header("If-Match", etag)
                .body(VolunteerFixtures.activityJson("330100", "要改期的活动", at("2027-12-01T10:00"),
                        at("2027-12-01T12:00"), 5)).put("/api/v1/events/activities/" + moving).then().statusCode(409)
                .body("code", equalTo("reschedule-overlap")).body("detail", containsString("先定的活动"));
        given().auth().oauth2(HZ_STAFF).contentType("application/json").header("If-Match", etag)
                .body(VolunteerFixtures.activityJson("330102", "要改期的活动", at("2027-12-02T09:00"),
                        at("2027-12-02T11:00"), 5)).put("/api/v1/events/activities/" + moving).then().statusCode(409)
                .body("code", equalTo("activity-has-signups"));
        given().auth().oauth2(HZ_STAFF).contentType("application/json").header("If-Match", etag)
                .body(VolunteerFixtures.activityJson("330100", "要改期的活动", at("2027-12-03T09:00"),
                        at("2027-12-03T11:00"), 5)).put("/api/v1/events/activities/" + moving).then().statusCode(200);
    }
}
