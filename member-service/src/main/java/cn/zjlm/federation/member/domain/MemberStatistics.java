package cn.zjlm.federation.member.domain;

import cn.zjlm.federation.commons.time.ChinaTime;
import cn.zjlm.federation.commons.security.AssociationScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.List;

/** Registry counts, aggregated in the database and always within the caller's scope. */
@ApplicationScoped
public class MemberStatistics {
    /** Highest level per member, from the levels held that the member keeps (kept by the V8 trigger). */
    private static final String HIGHEST_LEVEL = """
            (case when m.holds_national_honour then 'NATIONAL' when m.holds_provincial_honour then 'PROVINCIAL'
                  when m.holds_city_honour then 'CITY' when m.holds_county_honour then 'COUNTY' else 'NONE' end)""";

    @Inject
    EntityManager em;

    public record AssociationCount(String associationCode, String honourLevel, String status, long members) {
    }

    public record AgeBand(String band, long members) {
    }

    public record HonoursPerYear(int year, String level, long honours) {
    }

    public record Statistics(long members, List<AssociationCount> byAssociation, List<AgeBand> byAgeBand,
            List<HonoursPerYear> newHonoursPerYear) {
    }

    public Statistics of(AssociationScope scope) {
        String like = scope.likePattern();
        List<AssociationCount> byAssociation = rows("""
                select m.association_code, %s as level, m.status, count(*)
                from member m where m.association_code like ?1 group by 1, 2, 3 order by 1, 2, 3""".formatted(
                HIGHEST_LEVEL), like).stream()
                .map(r -> new AssociationCount((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).longValue()))
                .toList();
        LocalDate today = ChinaTime.today();
        List<AgeBand> byAge = rows("""
                select case when age < 50 then 'under 50' when age < 60 then '50-59' when age < 70 then '60-69'
                            when age < 80 then '70-79' else '80+' end as band, count(*)
                from (select extract(year from age(?2, m.birth_date)) as age from member m
                      where m.association_code like ?1 and m.status <> 'DECEASED') a
                group by 1 order by min(age)""", like, today).stream()
                .map(r -> new AgeBand((String) r[0], ((Number) r[1]).longValue())).toList();
        List<HonoursPerYear> perYear = rows("""
                select h.year, h.level, count(*) from member_honour h join member m on m.id = h.member_id
                where m.association_code like ?1 and h.revoked_on is null group by 1, 2 order by 1, 2""", like)
                .stream().map(r -> new HonoursPerYear(((Number) r[0]).intValue(), (String) r[1],
                        ((Number) r[2]).longValue())).toList();
        long total = byAssociation.stream().mapToLong(AssociationCount::members).sum();
        return new Statistics(total, byAssociation, byAge, perYear);
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Object... params) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query.getResultList();
    }
}
