package cn.zjlm.federation.volunteer.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zjlm.federation.volunteer.domain.Attendance;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttendanceHoursTest {
    private static Instant at(String local) {
        return OffsetDateTime.parse(local + "+08:00").toInstant();
    }

    private static BigDecimal hours(String start, String end, String in, String out) {
        return Attendance.hours(at(start), at(end), at(in), at(out));
    }

    @Test
    void onlyTimeWithinTheWindowCountsInWholeQuarterHours() {
        // 08:30-11:50 within 09:00-12:00: 170 minutes, 11 whole quarters.
        assertThat(hours("2025-03-10T09:00", "2025-03-10T12:00", "2025-03-10T08:30", "2025-03-10T11:50"))
                .isEqualByComparingTo("2.75");
        // Staying late adds nothing: 09:20-12:00 is 160 minutes, 10 quarters.
        assertThat(hours("2025-03-10T09:00", "2025-03-10T12:00", "2025-03-10T09:20", "2025-03-10T12:30"))
                .isEqualByComparingTo("2.50");
        assertThat(hours("2025-03-10T09:00", "2025-03-10T12:00", "2025-03-10T09:00", "2025-03-10T09:14"))
                .isEqualByComparingTo("0");
    }

    @Test
    void leavingBeforeTheStartGivesNoHours() {
        assertThat(hours("2025-03-10T09:00", "2025-03-10T12:00", "2025-03-10T07:00", "2025-03-10T08:59"))
                .isEqualByComparingTo("0");
    }

    @Test
    void aDayCountsAtMostEightHours() {
        assertThat(hours("2025-09-26T08:00", "2025-09-26T20:00", "2025-09-26T08:00", "2025-09-26T20:00"))
                .isEqualByComparingTo("8");
        // Each Beijing day separately: an evening and the next morning are 4 + 8, not 12 capped at 8 or 16.
        assertThat(hours("2025-09-26T20:00", "2025-09-27T12:00", "2025-09-26T20:00", "2025-09-27T10:00"))
                .isEqualByComparingTo("12");
        // Ending at midnight does not open another day.
        assertThat(hours("2025-09-26T08:00", "2025-09-27T00:00", "2025-09-26T08:00", "2025-09-27T00:00"))
                .isEqualByComparingTo("8");
        // Three Beijing days of a camp: at most 24 hours, not the 56 the clock shows.
        assertThat(hours("2025-07-01T08:00", "2025-07-03T16:00", "2025-07-01T08:00", "2025-07-03T16:00"))
                .isEqualByComparingTo("24");
    }

    @Test
    void codesAreSixDigitsAndHashedPerActivity() {
        String code = Attendance.newCode();
        assertThat(code).matches("[0-9]{6}");
        var a = java.util.UUID.randomUUID();
        var b = java.util.UUID.randomUUID();
        assertThat(Attendance.hash(a, code)).isEqualTo(Attendance.hash(a, " " + code + " "))
                .isNotEqualTo(Attendance.hash(b, code)).doesNotContain(code);
    }

    @Test
    void calendarTextIsEscapedAndFoldedWithoutSplittingCharacters() {
        assertThat(ICalendar.text("宣讲; 进校园, a\\b\nc")).isEqualTo("宣讲\\; 进校园\\, a\\\\b\\nc");
        StringBuilder out = new StringBuilder();
        String long_ = "SUMMARY:" + "劳模工匠助企行".repeat(10);
        ICalendar.line(out, long_);
        String[] lines = out.toString().split("\r\n");
        assertThat(lines.length).isGreaterThan(1);
        for (String line : lines) {
            assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
        }
        // Unfolding (drop CRLF + one space) gives the original line back.
        assertThat(out.toString().replace("\r\n ", "").replace("\r\n", "")).isEqualTo(long_);
    }
}
