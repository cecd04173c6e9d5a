package cn.zjlm.federation.volunteer.domain;

import cn.zjlm.federation.commons.identity.AssociationCode;
import cn.zjlm.federation.commons.time.ChinaTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Volunteer service figures for an association subtree and a period (dates in China time, both
 * ends included):
 * <ul>
 * <li>activities, person-times (人次: check-ins) and the filed outcomes count completed activities
 * starting in the period, at the organising association;</li>
 * <li>hours and volunteers count confirmed hours worked in the period (attendance and off-site), at
 * the member's association;</li>
 * <li>needs count needs of the board resolved in the period; teams count teams formed by its end.</li>
 * </ul>
 * Volunteers are distinct people, so the total is counted over the subtree, not summed over rows.
 */
@ApplicationScoped
public class Statistics {
    @Inject
    EntityManager em;

    public static final class Figures {
        public final String associationCode;
        public long activities;
        public long personTimes;
        public long volunteers;
        public BigDecimal hours = BigDecimal.ZERO.setScale(2);
        public long enterprisesServed;
        public long problemsSolved;
        public long suggestionsMade;
        public long suggestionsAdopted;
        public long peopleReached;
        /** 万元 */
        public BigDecimal economicBenefit = BigDecimal.ZERO.setScale(2);
        public long needsResolved;
        public long needsSolved;
        /** 万元, from resolved needs (kept apart from activities' benefit, which may cover the same work) */
        public BigDecimal needsEconomicBenefit = BigDecimal.ZERO.setScale(2);
        public long teams;

        Figures(String associationCode) {
            this.associationCode = associationCode;
        }
    }

    public record Report(String associationCode, LocalDate from, LocalDate to, Figures total, List<Figures> byAssociation) {
    }

    public Report report(String associationCode, LocalDate from, LocalDate to) {
        String scope = AssociationCode.scopePattern(associationCode);
        Instant start = from.atStartOfDay(ChinaTime.ZONE).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant();
        Map<String, Figures> rows = new TreeMap<>();
        Figures total = new Figures(associationCode);

        each("""
                select a.association_code, count(*), coalesce(sum(a.enterprises_served), 0),
                       coalesce(sum(a.problems_solved), 0), coalesce(sum(a.suggestions_made), 0),
                       coalesce(sum(a.suggestions_adopted), 0), coalesce(sum(a.people_reached), 0),
                       coalesce(sum(a.economic_benefit), 0),
                       coalesce(sum(p.checked_in), 0)
                  from activity a
                  cross join lateral (select count(*) as checked_in from signup s
                                       where s.activity_id = a.id and s.checked_in_at is not null
                                         and s.status <> 'CANCELLED') p
                 where a.association_code like ?1 and a.state = 'COMPLETED' and a.starts_at >= ?2 and a.starts_at < ?3
                 group by a.association_code""", r -> {
            for (Figures f : List.of(row(rows, r[0]), total)) {
                f.activities += n(r[1]);
                f.enterprisesServed += n(r[2]);
                f.problemsSolved += n(r[3]);
                f.suggestionsMade += n(r[4]);
                f.suggestionsAdopted += n(r[5]);
                f.peopleReached += n(r[6]);
                f.economicBenefit = f.economicBenefit.add((BigDecimal) r[7]);
                f.personTimes += n(r[8]);
            }
        }, scope, start, end);

        each("""
                select h.association_code, coalesce(sum(h.hours), 0), count(distinct h.member_id)
                  from volunteer_hours h
                 where h.association_code like ?1 and h.status = 'CONFIRMED' and h.work_date between ?2 and ?3
                 group by h.association_code""", r -> {
            Figures f = row(rows, r[0]);
            f.hours = f.hours.add((BigDecimal) r[1]);
            f.volunteers = n(r[2]);
            total.hours = total.hours.add((BigDecimal) r[1]);
        }, scope, from, to);
        each("""
                select count(distinct h.member_id) from volunteer_hours h
                 where h.association_code like ?1 and h.status = 'CONFIRMED' and h.work_date between ?2 and ?3""",
                r -> total.volunteers = n(r[0]), scope, from, to);

        each("""
                select n.association_code, count(*), count(*) filter (where n.problem_solved),
                       coalesce(sum(n.economic_benefit), 0)
                  from enterprise_need n
                 where n.association_code like ?1 and n.status = 'RESOLVED' and n.resolved_at >= ?2 and n.resolved_at < ?3
                 group by n.association_code""", r -> {
            for (Figures f : List.of(row(rows, r[0]), total)) {
                f.needsResolved += n(r[1]);
                f.needsSolved += n(r[2]);
                f.needsEconomicBenefit = f.needsEconomicBenefit.add((BigDecimal) r[3]);
            }
        }, scope, start, end);

        each("""
                select t.association_code, count(*) from service_team t
                 where t.association_code like ?1 and t.created_at < ?2 group by t.association_code""", r -> {
            for (Figures f : List.of(row(rows, r[0]), total)) {
                f.teams += n(r[1]);
            }
        }, scope, end);
        return new Report(associationCode, from, to, total, new ArrayList<>(rows.values()));
    }

    private static Figures row(Map<String, Figures> rows, Object code) {
        return rows.computeIfAbsent((String) code, Figures::new);
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    private void each(String sql, Consumer<Object[]> row, Object... params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        for (Object r : q.getResultList()) {
            row.accept(r instanceof Object[] array ? array : new Object[] {r});
        }
    }
}
