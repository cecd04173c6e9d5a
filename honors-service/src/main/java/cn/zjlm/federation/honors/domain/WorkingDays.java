package cn.zjlm.federation.honors.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Working-day arithmetic over the calendar kept as data (public holidays and make-up workdays, 调休). */
@ApplicationScoped
public class WorkingDays {
    @Inject
    EntityManager em;

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

    private Map<LocalDate, String> calendar(LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select day, kind from calendar_day where day between ?1 and ?2")
                .setParameter(1, from).setParameter(2, to).getResultList();
        Map<LocalDate, String> calendar = new HashMap<>();
        for (Object[] row : rows) {
            LocalDate day = row[0] instanceof LocalDate d ? d : ((java.sql.Date) row[0]).toLocalDate();
            calendar.put(day, (String) row[1]);
        }
        return calendar;
    }
}
