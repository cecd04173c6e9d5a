package cn.zjlm.federation.honors.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** Working-day arithmetic over the calendar kept as data (public holidays and make-up workdays, 调休). */
@ApplicationScoped
public class WorkingDays {
    /** The last day of a period of {@code days} working days that begins on {@code start}. */
    public LocalDate periodEnd(LocalDate start, int days) {
        Map<LocalDate, String> calendar = calendar(start, start.plusDays(days * 3L + 30));
        LocalDate day = start;
        int counted = 0;
        while (true) {
            if (isWorkingDay(day, calendar)) {
                counted++;
                if (counted == days) {
                    return day;
                }
            }
            day = day.plusDays(1);
        }
    }

    static boolean isWorkingDay(LocalDate day, Map<LocalDate, String> calendar) {
        String kind = calendar.get(day);
        if (kind != null) {
            return "WORKDAY".equals(kind);
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    private static Map<LocalDate, String> calendar(LocalDate from, LocalDate to) {
        Map<LocalDate, String> calendar = new HashMap<>();
        CalendarDay.between(from, to).forEach(d -> calendar.put(d.day, d.kind));
        return calendar;
    }
}
