package cn.zjlm.federation.volunteer.api;

import cn.zjlm.federation.volunteer.api.ActivityViews.SignupView;
import cn.zjlm.federation.volunteer.domain.Signup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Sign-ups as callers see them: with the member's name, the place in line and the hours recorded. */
@ApplicationScoped
public class SignupViews {
    private static final String SELECT = """
            select s.activityId, a.title, a.startsAt, a.endsAt, s.memberId, m.name, s.status, s.signedUpAt,
                   s.cancelReason, s.checkedInAt, s.checkedOutAt, h.hours, %s
              from Signup s join Activity a on a.id = s.activityId join VolunteerMember m on m.memberId = s.memberId
              left join VolunteerHours h on h.activityId = s.activityId and h.memberId = s.memberId
                   and h.source = 'ATTENDANCE' and h.status = 'CONFIRMED'
            """;
    /** Place in line, counted for a single row or a member's rows (an activity's list counts in order). */
    private static final String POSITION = """
            (select count(o) from Signup o where o.activityId = s.activityId and o.status = s.status
              and (o.signedUpAt < s.signedUpAt or (o.signedUpAt = s.signedUpAt and o.id < s.id)))""";

    @Inject
    EntityManager em;

    public SignupView of(Signup s) {
        PendingWrites.flush();
        return query(SELECT.formatted(POSITION) + " where s.id = ?1", s.id).get(0);
    }

    /** An activity's sign-ups: places, then the waiting list, then cancelled ones, each in sign-up order. */
    public List<SignupView> ofActivity(UUID activityId) {
        List<SignupView> rows = query(SELECT.formatted("0") + " where s.activityId = ?1 order by case s.status "
                + "when 'ENROLLED' then 0 when 'WAITING' then 1 else 2 end, s.signedUpAt, s.id", activityId);
        List<SignupView> out = new ArrayList<>(rows.size());
        int position = 0;
        for (int i = 0; i < rows.size(); i++) {
            SignupView r = rows.get(i);
            position = i > 0 && rows.get(i - 1).status().equals(r.status()) ? position + 1 : 1;
            out.add(Signup.CANCELLED.equals(r.status()) ? r : r.at(position));
        }
        return out;
    }

    /** A member's sign-ups, cancelled ones included (history is kept). */
    public List<SignupView> ofMember(UUID memberId) {
        return query(SELECT.formatted(POSITION) + " where s.memberId = ?1 order by a.startsAt desc, s.id", memberId);
    }

    private List<SignupView> query(String jpql, UUID param) {
        List<SignupView> out = new ArrayList<>();
        for (Object[] r : em.createQuery(jpql, Object[].class).setParameter(1, param).getResultList()) {
            boolean cancelled = Signup.CANCELLED.equals(r[6]);
            out.add(new SignupView((UUID) r[0], (String) r[1], (Instant) r[2], (Instant) r[3], (UUID) r[4],
                    (String) r[5], (String) r[6], cancelled ? 0 : ((Number) r[12]).intValue() + 1, (Instant) r[7],
                    (String) r[8], (Instant) r[9], (Instant) r[10], (BigDecimal) r[11]));
        }
        return out;
    }
}
