package cn.zjlm.federation.honors;

import static cn.zjlm.federation.honors.HonorsFixtures.HZ_ADMIN;
import static cn.zjlm.federation.honors.HonorsFixtures.HZ_STAFF;
import static cn.zjlm.federation.honors.HonorsFixtures.ZJ_ADMIN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.zjlm.federation.honors.domain.WorkingDays;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WorkingDaysTest {
    @Inject
    WorkingDays workingDays;

    @Test
    void aWeekendIsSkipped() {
        // Fri 20 Nov 2026 + Mon–Thu
        assertThat(workingDays.periodEnd(LocalDate.of(2026, 11, 20), 5)).isEqualTo(LocalDate.of(2026, 11, 26));
    }

    @Test
    void theNationalDayHolidayIsSkippedAndItsMakeUpSaturdayCounts() {
        // Wed 30 Sep; 1–7 Oct holiday and weekend; Thu 8, Fri 9, Sat 10 (调休 workday), Mon 12
        assertThat(workingDays.periodEnd(LocalDate.of(2026, 9, 30), 5)).isEqualTo(LocalDate.of(2026, 10, 12));
    }

    @Test
    void aNoticeStartingOnAHolidayBeginsCountingOnTheNextWorkingDay() {
        // 1 Jan 2027 is a holiday (Fri); Mon 4 Jan is the first working day
        assertThat(workingDays.periodEnd(LocalDate.of(2027, 1, 1), 1)).isEqualTo(LocalDate.of(2027, 1, 4));
    }

    @Test
    void aYearsCalendarIsSetByTheProvinceAndNoticesCountWithIt() {
        // Without 2028's calendar, five working days from Fri 29 Sep end on Thu 5 Oct.
        assertThat(workingDays.periodEnd(LocalDate.of(2028, 9, 29), 5)).isEqualTo(LocalDate.of(2028, 10, 5));
        String body = """
                {"days":[{"day":"2028-10-02","kind":"HOLIDAY","name":"国庆节"},{"day":"2028-10-03","kind":"HOLIDAY","name":"国庆节"},
                 {"day":"2028-10-04","kind":"HOLIDAY","name":"国庆节"},{"day":"2028-10-05","kind":"HOLIDAY","name":"国庆节"},
                 {"day":"2028-10-06","kind":"HOLIDAY","name":"国庆节"},{"day":"2028-10-07","kind":"WORKDAY","name":"国庆节调休"}]}""";
        given().auth().oauth2(HZ_ADMIN).contentType("application/json").body(body).put("/api/v1/honors/calendar/2028")
                .then().statusCode(403);
        given().auth().oauth2(ZJ_ADMIN).contentType("application/json")
                .body(body.replace("2028-10-07", "2029-10-07")).put("/api/v1/honors/calendar/2028").then()
                .statusCode(400).body("errors[0].field", equalTo("days[5].day"));
        given().auth().oauth2(ZJ_ADMIN).contentType("application/json")
                .body(body.replace("2028-10-07", "2028-10-06")).put("/api/v1/honors/calendar/2028").then()
                .statusCode(400).body("errors[0].code", equalTo("calendar.day-duplicate"));
        given().auth().oauth2(ZJ_ADMIN).contentType("application/json").body(body).put("/api/v1/honors/calendar/2028")
                .then().statusCode(200).body("days.size()", equalTo(6));
        given().auth().oauth2(HZ_STAFF).get("/api/v1/honors/calendar/2028").then().statusCode(200)
                .body("days[5].kind", equalTo("WORKDAY"));
        // Fri 29 Sep, Sat 7 Oct (调休), Mon 9, Tue 10, Wed 11.
        assertThat(workingDays.periodEnd(LocalDate.of(2028, 9, 29), 5)).isEqualTo(LocalDate.of(2028, 10, 11));
    }
}
