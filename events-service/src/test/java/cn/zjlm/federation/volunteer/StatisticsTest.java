package cn.zjlm.federation.volunteer;

import static cn.zjlm.federation.volunteer.VolunteerFixtures.HZ_STAFF;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.QZ_STAFF;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.activityJson;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.at;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.attendance;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.created;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.published;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.registered;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.signUp;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import cn.zjlm.federation.commons.identity.CreditCode;
import cn.zjlm.federation.local.MemberEvents;
import cn.zjlm.federation.local.MemberEvents.Member;
import cn.zjlm.federation.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Statistics over a seeded Quzhou (衢州, 330800) data set, against totals computed by hand.
 * Quzhou is used by no other test, so the figures are exactly the ones seeded here.
 */
@QuarkusTest
class StatisticsTest {
    private static final String PERIOD = "associationCode=330800&from=2025-01-01&to=2026-12-31";
    private static boolean seeded;

    private static void complete(UUID activity, String outcomes) {
        given().auth().oauth2(QZ_STAFF).contentType("application/json").body(outcomes)
                .post("/api/v1/events/activities/" + activity + "/completion").then().statusCode(200);
    }

    private static String logHours(String member, String date, String hours) {
        return given().auth().oauth2(member).contentType("application/json")
                .body("{\"workDate\":\"" + date + "\",\"hours\":" + hours + ",\"description\":\"远程技术指导\"}")
                .post("/api/v1/events/me/hours").then().statusCode(201).body("status", equalTo("PENDING")).extract()
                .path("id");
    }

    /** Once per run, on the first test: RestAssured knows the test port only after Quarkus started. */
    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        seeded = true;
        Member a = registered(MemberEvents.memberWithAccount("330802", "柯城甲", "qz-a"));
        Member b = registered(MemberEvents.memberWithAccount("330802", "柯城乙", "qz-b"));
        Member c = registered(MemberEvents.memberWithAccount("330802", "柯城丙", "qz-c"));
        Member d = registered("330881", "江山丁");

        // 1. City activity, 2 enterprises: A 2.75 h, B 2.50 h, D checked in without checking out.
        UUID service = created(QZ_STAFF, activityJson("330800", "衢州助企行", at("2025-03-10T09:00"),
                at("2025-03-10T12:00"), 5).replace("\"capacity\":5", "\"capacity\":5,\"beneficiaries\":["
                + "{\"kind\":\"ENTERPRISE\",\"name\":\"衢州甲厂\",\"creditCode\":\"" + CreditCode.compose("91330800MA2A1B2C3") + "\"},"
                + "{\"kind\":\"ENTERPRISE\",\"name\":\"衢州乙厂\",\"creditCode\":\"" + CreditCode.compose("91330802MA2D4E5F6") + "\"}]"));
        given().auth().oauth2(QZ_STAFF).post("/api/v1/events/activities/" + service + "/publication").then().statusCode(200);
        for (Member m : List.of(a, b, d)) {
            signUp(QZ_STAFF, service, m).statusCode(201);
        }
        attendance(QZ_STAFF, service, a, "2025-03-10T08:30:00+08:00", "2025-03-10T11:50:00+08:00").statusCode(200);
        attendance(QZ_STAFF, service, b, "2025-03-10T09:20:00+08:00", "2025-03-10T12:30:00+08:00").statusCode(200);
        attendance(QZ_STAFF, service, d, "2025-03-10T09:00:00+08:00", null).statusCode(200);
        complete(service, "{\"problemsSolved\":3,\"suggestionsMade\":5,\"suggestionsAdopted\":2,\"peopleReached\":40,"
                + "\"economicBenefit\":12.5}");

        // 2. County lecture: D 2.00 h, 120 people reached, no enterprise.
        UUID lecture = published(QZ_STAFF, "330881", "江山宣讲", at("2025-05-01T14:00"), at("2025-05-01T16:00"), 100);
        signUp(QZ_STAFF, lecture, c).statusCode(404); // C belongs to 330802, outside 江山's area
        signUp(QZ_STAFF, lecture, d).statusCode(201);
        attendance(QZ_STAFF, lecture, d, "2025-05-01T14:00:00+08:00", "2025-05-01T16:00:00+08:00").statusCode(200);
        complete(lecture, "{\"peopleReached\":120}");

        // 3. Cancelled, and 4. before the period (Beijing date 2024-12-31): neither counts.
        UUID cancelled = published(QZ_STAFF, "330800", "取消的义诊", at("2025-06-01T09:00"), at("2025-06-01T11:00"), 5);
        given().auth().oauth2(QZ_STAFF).contentType("application/json").body("{\"reason\":\"暴雨\"}")
                .post("/api/v1/events/activities/" + cancelled + "/cancellation").then().statusCode(200);
        UUID newYearsEve = published(QZ_STAFF, "330800", "跨年服务", at("2024-12-31T22:00"), at("2024-12-31T23:30"), 5);
        signUp(QZ_STAFF, newYearsEve, a).statusCode(201);
        attendance(QZ_STAFF, newYearsEve, a, "2024-12-31T22:00:00+08:00", "2024-12-31T23:30:00+08:00").statusCode(200);
        complete(newYearsEve, "{\"peopleReached\":1000}");

        // Off-site hours: C's 3.00 confirmed, A's 1.00 rejected, B's 2.00 still pending.
        String cHours = logHours(TestTokens.token("qz-c", "330802", "member"), "2025-07-01", "3");
        String aHours = logHours(TestTokens.token("qz-a", "330802", "member"), "2025-07-02", "1");
        logHours(TestTokens.token("qz-b", "330802", "member"), "2025-07-03", "2");
        given().auth().oauth2(QZ_STAFF).post("/api/v1/events/hours/" + cHours + "/confirmation").then().statusCode(200)
                .body("status", equalTo("CONFIRMED"));
        given().auth().oauth2(QZ_STAFF).contentType("application/json").body("{\"reason\":\"无佐证材料\"}")
                .post("/api/v1/events/hours/" + aHours + "/rejection").then().statusCode(200)
                .body("status", equalTo("REJECTED"));
        given().auth().oauth2(QZ_STAFF).post("/api/v1/events/hours/" + cHours + "/confirmation").then().statusCode(409)
                .body("code", equalTo("hours-decided"));

        // The needs board: a 柯城 need claimed by the city team and solved; a second one left open.
        String team = given().auth().oauth2(QZ_STAFF).contentType("application/json")
                .body("{\"associationCode\":\"330800\",\"name\":\"衢州技术攻坚队\",\"specialty\":\"TECHNICAL_BREAKTHROUGH\","
                        + "\"leaderId\":\"" + a.id() + "\"}")
                .post("/api/v1/events/teams").then().statusCode(201).extract().path("id");
        String need = postNeed("数控机床精度漂移");
        postNeed("废水回用工艺");
        given().auth().oauth2(QZ_STAFF).contentType("application/json").body("{\"teamId\":\"" + team + "\"}")
                .post("/api/v1/events/needs/" + need + "/claim").then().statusCode(200).body("status", equalTo("CLAIMED"));
        given().auth().oauth2(QZ_STAFF).contentType("application/json").body("{\"teamId\":\"" + team + "\"}")
                .post("/api/v1/events/needs/" + need + "/claim").then().statusCode(409)
                .body("code", equalTo("need-illegal-transition"));
        given().auth().oauth2(QZ_STAFF).contentType("application/json").body("{\"reason\":\"人手不足\"}")
                .post("/api/v1/events/needs/" + need + "/release").then().statusCode(200).body("status", equalTo("OPEN"))
                .body("teamId", equalTo(null));
        given().auth().oauth2(QZ_STAFF).contentType("application/json").body("{\"teamId\":\"" + team + "\"}")
                .post("/api/v1/events/needs/" + need + "/claim").then().statusCode(200);
        given().auth().oauth2(QZ_STAFF).contentType("application/json")
                .body("{\"outcome\":\"调整伺服参数，精度恢复\",\"problemSolved\":true,\"economicBenefit\":30}")
                .post("/api/v1/events/needs/" + need + "/outcome").then().statusCode(200)
                .body("status", equalTo("RESOLVED"));
    }

    private static String postNeed(String title) {
        return given().auth().oauth2(QZ_STAFF).contentType("application/json")
                .body("{\"associationCode\":\"330802\",\"enterpriseName\":\"衢州丙厂\",\"creditCode\":\""
                        + CreditCode.compose("91330802MA2G7H8J9") + "\",\"title\":\"" + title
                        + "\",\"description\":\"需要技术支持\"}")
                .post("/api/v1/events/needs").then().statusCode(201).extract().path("id");
    }

    @Test
    void theFiguresAreTheHandComputedTotals() {
        JsonPath s = given().auth().oauth2(QZ_STAFF).get("/api/v1/events/statistics?" + PERIOD).then().statusCode(200)
                .extract().jsonPath();
        assertThat(s.getInt("total.activities")).isEqualTo(2);
        assertThat(s.getInt("total.personTimes")).isEqualTo(4); // A, B, D at the service; D at the lecture
        assertThat(s.getInt("total.volunteers")).isEqualTo(4); // A, B, C, D (D counted once)
        assertThat(new BigDecimal(s.getString("total.hours"))).isEqualByComparingTo("10.25"); // 2.75 + 2.50 + 2.00 + 3.00
        assertThat(s.getInt("total.enterprisesServed")).isEqualTo(2);
        assertThat(s.getInt("total.problemsSolved")).isEqualTo(3);
        assertThat(s.getInt("total.suggestionsMade")).isEqualTo(5);
        assertThat(s.getInt("total.suggestionsAdopted")).isEqualTo(2);
        assertThat(s.getInt("total.peopleReached")).isEqualTo(160);
        assertThat(new BigDecimal(s.getString("total.economicBenefit"))).isEqualByComparingTo("12.50");
        assertThat(s.getInt("total.needsResolved")).isEqualTo(1);
        assertThat(s.getInt("total.needsSolved")).isEqualTo(1);
        assertThat(new BigDecimal(s.getString("total.needsEconomicBenefit"))).isEqualByComparingTo("30");
        assertThat(s.getInt("total.teams")).isEqualTo(1);

        assertThat(s.getList("byAssociation.associationCode")).containsExactly("330800", "330802", "330881");
        assertThat(s.getInt("byAssociation[0].activities")).isEqualTo(1);
        assertThat(s.getInt("byAssociation[0].personTimes")).isEqualTo(3);
        assertThat(new BigDecimal(s.getString("byAssociation[1].hours"))).isEqualByComparingTo("8.25"); // A, B, C belong to 柯城
        assertThat(s.getInt("byAssociation[1].volunteers")).isEqualTo(3);
        assertThat(s.getInt("byAssociation[2].peopleReached")).isEqualTo(120);
        assertThat(new BigDecimal(s.getString("byAssociation[2].hours"))).isEqualByComparingTo("2.00");

        // The year before holds only the new year's eve service.
        given().auth().oauth2(QZ_STAFF).get("/api/v1/events/statistics?associationCode=330800&from=2024-01-01&to=2024-12-31")
                .then().body("total.activities", equalTo(1)).body("total.peopleReached", equalTo(1000))
                .body("total.hours", equalTo(1.5f));
    }

    @Test
    void theExportHoldsTheSameFigures() throws Exception {
        byte[] xlsx = given().auth().oauth2(QZ_STAFF).get("/api/v1/events/statistics/export?" + PERIOD).then()
                .statusCode(200).contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .extract().asByteArray();
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = book.getSheetAt(0);
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
            assertThat(header).contains("Hours 服务时长", "Person-times 人次");
            var total = sheet.getRow(sheet.getLastRowNum());
            assertThat(total.getCell(0).getStringCellValue()).contains("330800");
            assertThat(total.getCell(header.indexOf("Hours 服务时长")).getStringCellValue()).isEqualTo("10.25");
            assertThat(total.getCell(header.indexOf("Person-times 人次")).getStringCellValue()).isEqualTo("4");
        }
        long audited = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number)
                cn.zjlm.federation.volunteer.domain.Activity.getEntityManager().createNativeQuery("select count(*) "
                        + "from audit_record where action = 'VOLUNTEER_STATISTICS_EXPORTED' and target = "
                        + "'statistics/330800' and actor = 'qz-staff'").getSingleResult()).longValue());
        assertThat(audited).isPositive();
    }

    @Test
    void anotherCitysFiguresAreInvisible() {
        given().auth().oauth2(HZ_STAFF).get("/api/v1/events/statistics?" + PERIOD).then().statusCode(404);
        given().auth().oauth2(HZ_STAFF).get("/api/v1/events/statistics/export?" + PERIOD).then().statusCode(404);
        // Hangzhou's own figures do not include Quzhou's.
        given().auth().oauth2(HZ_STAFF).get("/api/v1/events/statistics?from=2025-01-01&to=2026-12-31").then()
                .statusCode(200).body("byAssociation.associationCode", not(org.hamcrest.Matchers.hasItem("330800")));
        given().auth().oauth2(HZ_STAFF).get("/api/v1/events/hours?size=500").then().statusCode(200)
                .body("items.associationCode", not(org.hamcrest.Matchers.hasItem("330802")));
        given().auth().oauth2(HZ_STAFF).get("/api/v1/events/needs?size=200").then().statusCode(200)
                .body("items.associationCode", not(org.hamcrest.Matchers.hasItem("330802")));
        given().auth().oauth2(QZ_STAFF).get("/api/v1/events/statistics?" + PERIOD.replace("2025-01-01", "2027-01-01"))
                .then().statusCode(400).body("errors[0].field", equalTo("to"));
    }

    @Test
    void thePublicCalendarListsPublishedActivitiesWithoutNames() {
        String ics = given().get("/api/v1/public/events/calendar/330800.ics").then().statusCode(200)
                .contentType(containsString("text/calendar")).extract().asString();
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        // Activities started within the last 90 days or later: the seeded ones lie in the past, so
        // publish one in the future and one to cancel.
        UUID upcoming = published(QZ_STAFF, "330800", "衢州工匠日,宣讲", at("2027-09-26T09:00"), at("2027-09-26T11:00"), 50);
        UUID called = published(QZ_STAFF, "330881", "江山义诊", at("2027-10-01T09:00"), at("2027-10-01T11:00"), 50);
        created(QZ_STAFF, activityJson("330800", "未发布草稿", at("2027-10-02T09:00"), at("2027-10-02T11:00"), 5));
        // staff's free text may name a contact person and a phone number: not in a public feed
        UUID described = created(QZ_STAFF, activityJson("330800", "带说明的活动", at("2027-10-03T09:00"),
                at("2027-10-03T11:00"), 5).replace("\"capacity\"", "\"description\":\"联系人柯城甲 13800001111\",\"capacity\""));
        given().auth().oauth2(QZ_STAFF).post("/api/v1/events/activities/" + described + "/publication").then()
                .statusCode(200);
        given().auth().oauth2(QZ_STAFF).contentType("application/json").body("{\"reason\":\"改期\"}")
                .post("/api/v1/events/activities/" + called + "/cancellation").then().statusCode(200);
        String feed = given().get("/api/v1/public/events/calendar/330800.ics").then().statusCode(200).extract().asString()
                .replace("\r\n ", "");
        assertThat(feed).contains("UID:" + upcoming + "@federation.zjlm.cn", "SUMMARY:衢州工匠日\\,宣讲",
                "DTSTART:20270926T010000Z", "UID:" + called + "@federation.zjlm.cn", "STATUS:CANCELLED")
                .contains("UID:" + described + "@federation.zjlm.cn")
                .doesNotContain("未发布草稿", "柯城甲", "江山宣讲", "13800001111", "DESCRIPTION");
        given().get("/api/v1/public/events/calendar/33080X.ics").then().statusCode(400);
    }
}
