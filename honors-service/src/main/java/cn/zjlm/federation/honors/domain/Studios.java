package cn.zjlm.federation.honors.domain;

import cn.zjlm.federation.commons.time.ChinaTime;
import cn.zjlm.federation.commons.error.Problem.FieldViolation;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.identity.AssociationCode;
import cn.zjlm.federation.commons.security.AssociationScope;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Studios and homes: an association applies, staff of the level above (or an administrator) inspect
 * against the checklist kept as data, an administrator names a passed one at a level no higher than
 * their own, and named studios file yearly outcomes.
 */
@ApplicationScoped
public class Studios {
    @Inject
    EntityManager em;

    public record Application(String kind, String name, String associationCode, String hostUnit,
            String hostCreditCode, UUID leaderMemberId, String leaderName) {
    }

    public record Score(String criterion, int score, String note) {
    }

    public record Outcome(int innovationProjects, int patents, BigDecimal economicBenefit, int peopleTrained) {
    }

    @Transactional
    public Studio apply(Application a, Caller caller) {
        String association = a.associationCode() == null ? caller.association() : a.associationCode();
        if (!caller.scope().covers(association)) {
            throw ProblemException.invalidField("associationCode", "association-code.out-of-scope");
        }
        Studio s = new Studio();
        s.id = UUID.randomUUID();
        s.kind = a.kind();
        s.name = a.name().strip();
        s.associationCode = association;
        s.hostUnit = a.hostUnit().strip();
        s.hostCreditCode = a.hostCreditCode();
        s.leaderMemberId = a.leaderMemberId();
        s.leaderName = a.leaderName().strip();
        s.state = "APPLIED";
        s.createdBy = caller.username();
        s.createdAt = s.updatedAt = Instant.now();
        s.persist();
        return s;
    }

    /** Scores every criterion of the checklist once; the total against the pass mark decides. */
    @Transactional
    public Studio inspect(UUID id, List<Score> scores, Caller caller) {
        Studio s = find(id, caller.scope());
        if (!"APPLIED".equals(s.state)) {
            throw ProblemException.conflict("studio-illegal-transition", s.state, "APPLIED");
        }
        if (caller.username().equals(s.createdBy) || caller.association().equals(s.associationCode)
                && !caller.hasRole(Roles.PROVINCE_ADMIN)) {
            throw new ProblemException(403, "separation-of-duties");
        }
        Map<String, Integer> maxima = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> criteria = em.createNativeQuery("select code, max_score from inspection_criterion where kind = ?1")
                .setParameter(1, s.kind).getResultList();
        criteria.forEach(c -> maxima.put((String) c[0], ((Number) c[1]).intValue()));
        List<FieldViolation> errors = new ArrayList<>();
        Map<String, Score> given = new HashMap<>();
        for (int i = 0; i < scores.size(); i++) {
            Score score = scores.get(i);
            Integer max = maxima.get(score.criterion());
            if (max == null || given.put(score.criterion(), score) != null) {
                errors.add(new FieldViolation("scores[" + i + "].criterion", "studio.criterion-unknown", null));
            } else if (score.score() > max) {
                errors.add(new FieldViolation("scores[" + i + "].score", "studio.score-above-maximum", null));
            }
        }
        if (errors.isEmpty() && !given.keySet().equals(maxima.keySet())) {
            errors.add(new FieldViolation("scores", "studio.criteria-missing", null));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", errors, errors.size());
        }
        int total = 0;
        for (Score score : scores) {
            total += score.score();
            em.createNativeQuery("insert into studio_inspection_score (studio_id, criterion, score, note) "
                    + "values (?1, ?2, ?3, ?4)").setParameter(1, s.id).setParameter(2, score.criterion())
                    .setParameter(3, score.score()).setParameter(4, score.note()).executeUpdate();
        }
        int passMark = ((Number) em.createNativeQuery("select pass_mark from inspection_checklist where kind = ?1")
                .setParameter(1, s.kind).getSingleResult()).intValue();
        s.inspectionScore = total;
        s.inspectionPassed = total >= passMark;
        s.inspectedBy = caller.username();
        s.state = s.inspectionPassed ? "INSPECTED" : "REJECTED";
        s.updatedAt = Instant.now();
        return s;
    }

    @Transactional
    public Studio name(UUID id, String level, Caller caller) {
        Studio s = find(id, caller.scope());
        if (!"INSPECTED".equals(s.state)) {
            throw ProblemException.conflict("studio-illegal-transition", s.state, "INSPECTED");
        }
        AssociationCode.Level own = AssociationCode.level(caller.association());
        boolean allowed = switch (level) {
            case "NATIONAL" -> false; // named by the national federation, recorded elsewhere
            case "PROVINCIAL" -> own == AssociationCode.Level.PROVINCE;
            case "CITY" -> own == AssociationCode.Level.PROVINCE || own == AssociationCode.Level.CITY;
            default -> true;
        };
        if (!allowed) {
            throw ProblemException.invalidField("level", "studio.level-above-namer");
        }
        s.level = level;
        s.namedOn = ChinaTime.today();
        s.state = "NAMED";
        s.updatedAt = Instant.now();
        return s;
    }

    /** Files or corrects a named studio's outcomes for a year. */
    @Transactional
    public void recordOutcome(UUID id, int year, Outcome o, Caller caller) {
        Studio s = find(id, caller.scope());
        if (!"NAMED".equals(s.state)) {
            throw ProblemException.conflict("studio-illegal-transition", s.state, "NAMED");
        }
        if (year < s.namedOn.getYear() || year > ChinaTime.today().getYear()) {
            throw ProblemException.invalidField("year", "studio.outcome-year");
        }
        em.createNativeQuery("insert into studio_outcome (studio_id, year, innovation_projects, patents, "
                + "economic_benefit, people_trained, recorded_by, recorded_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                + "on conflict (studio_id, year) do update set innovation_projects = excluded.innovation_projects, "
                + "patents = excluded.patents, economic_benefit = excluded.economic_benefit, "
                + "people_trained = excluded.people_trained, recorded_by = excluded.recorded_by, "
                + "recorded_at = excluded.recorded_at")
                .setParameter(1, s.id).setParameter(2, year).setParameter(3, o.innovationProjects())
                .setParameter(4, o.patents()).setParameter(5, o.economicBenefit()).setParameter(6, o.peopleTrained())
                .setParameter(7, caller.username()).setParameter(8, Instant.now()).executeUpdate();
    }

    public Studio find(UUID id, AssociationScope scope) {
        Studio s = Studio.findById(id);
        if (s == null || !scope.covers(s.associationCode)) {
            throw ProblemException.notFound("studio");
        }
        return s;
    }

    public record Statistics(String associationCode, String kind, long named, long innovationProjects, long patents,
            BigDecimal economicBenefit, long peopleTrained) {
    }

    /** Per association and kind for one year: studios named by its end and the sums of their outcomes (in scope). */
    public List<Statistics> statistics(int year, AssociationScope scope) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select s.association_code, s.kind, count(*),
                       coalesce(sum(o.innovation_projects), 0), coalesce(sum(o.patents), 0),
                       coalesce(sum(o.economic_benefit), 0), coalesce(sum(o.people_trained), 0)
                from studio s left join studio_outcome o on o.studio_id = s.id and o.year = ?1
                where s.state = 'NAMED' and s.association_code like ?2
                  and s.named_on <= make_date(?1, 12, 31)
                group by s.association_code, s.kind order by s.association_code, s.kind""")
                .setParameter(1, year).setParameter(2, scope.likePattern()).getResultList();
        return rows.stream().map(r -> new Statistics((String) r[0], (String) r[1], ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(), ((Number) r[4]).longValue(), new BigDecimal(r[5].toString()),
                ((Number) r[6]).longValue())).toList();
    }
}
