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
            select s.activityId, s.memberId, m.name, s.status, s.signedUpAt, s.cancelReason, s.checkedInAt,
                   s.checkedOutAt, h.hours,
                   (select count(o) from Signup o where o.activityId = s.activityId and o.status = s.status
                      and (o.signedUpAt < s.signedUpAt or (o.signedUpAt = s.signedUpAt and o.id < s.id)))
              from Signup s join VolunteerMember m on m.memberId = s.memberId
              left join VolunteerHours h on h.activityId = s.activityId and h.memberId = s.memberId
                   and h.source = 'ATTENDANCE' and h.status = 'CONFIRMED'
            """;

    @Inject
    EntityManager em;

    public SignupView of(Signup s) {
        PendingWrites.flush();
        return query(SELECT + " where s.id = ?1", s.id).get(0);
    }

    /** An activity's sign-ups: places, then the waiting list, then cancelled ones, each in sign-up order. */
    public List<SignupView> ofActivity(UUID activityId) {
        return query(SELECT + " where s.activityId = ?1 order by case s.status when 'ENROLLED' then 0 "
                + "when 'WAITING' then 1 else 2 end, s.signedUpAt, s.id", activityId);
    }

    /** A member's sign-ups, cancelled ones included (history is kept). */
    public List<SignupView> ofMember(UUID memberId) {
        return query(SELECT + " where s.memberId = ?1 order by s.signedUpAt desc, s.id", memberId);
    }

    private List<SignupView> query(String jpql, UUID param) {
        List<SignupView> out = new ArrayList<>();
        for (Object[] r : em.createQuery(jpql, Object[].class).setParameter(1, param).getResultList()) {
            boolean cancelled = Signup.CANCELLED.equals(r[3]);
            out.add(new SignupView((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3],
                    cancelled ? 0 : ((Long) r[9]).intValue() + 1, (Instant) r[4], (String) r[5], (Instant) r[6],
                    (Instant) r[7], (BigDecimal) r[8]));
        }
        return out;
    }
}
