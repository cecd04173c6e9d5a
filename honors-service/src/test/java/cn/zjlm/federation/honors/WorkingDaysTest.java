package cn.zjlm.federation.honors;

import static org.assertj.core.api.Assertions.assertThat;

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
}
