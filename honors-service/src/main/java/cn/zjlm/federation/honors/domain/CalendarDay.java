package cn.zjlm.federation.honors.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.List;

/** A day that breaks the weekday/weekend rule: a public HOLIDAY, or a weekend WORKDAY (调休). */
@Entity
@Table(name = "calendar_day")
public class CalendarDay extends PanacheEntityBase {
    @Id
    public LocalDate day;

    public String kind;

    public String name;

    public static List<CalendarDay> between(LocalDate from, LocalDate to) {
        return list("day between ?1 and ?2 order by day", from, to);
    }
}
