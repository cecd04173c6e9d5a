package cn.zjlm.federation.volunteer.domain;

import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.identity.AssociationCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Sign-up rules: a place while capacity lasts, then the waiting list in order; no member booked on
 * two overlapping activities (a waiting place counts as a booking, so a promotion never creates an
 * overlap). Callers hold the activity's row lock; the member's row is locked here, so two
 * concurrent sign-ups of one member to different activities are serialised too.
 */
@ApplicationScoped
public class Signups {
    @Transactional(Transactional.TxType.MANDATORY)
    public Signup signUp(Activity a, UUID memberId, String by) {
        if (!a.isOpenForSignUp()) {
            throw ProblemException.conflict("activity-not-open", a.state);
        }
        VolunteerMember m = VolunteerMember.findById(memberId, LockModeType.PESSIMISTIC_WRITE);
        if (m == null || !AssociationCode.covers(a.associationCode, m.associationCode)) {
            throw ProblemException.notFound("member");
        }
        if (!m.canVolunteer()) {
            throw new ProblemException(422, "not-eligible", SignupReasons.deceased(m.deceasedOn));
        }
        if (Signup.count("activityId = ?1 and memberId = ?2 and status <> ?3", a.id, m.memberId, Signup.CANCELLED) > 0) {
            throw ProblemException.conflict("signup-exists");
        }
        Activity clash = Activity.<Activity>find("""
                select a from Activity a, Signup s where s.activityId = a.id and s.memberId = ?1 and s.status <> ?2
                and a.state in ?3 and a.startsAt < ?4 and a.endsAt > ?5 and a.id <> ?6 order by a.startsAt""",
                m.memberId, Signup.CANCELLED, List.of(Activity.State.PUBLISHED, Activity.State.ONGOING), a.endsAt,
                a.startsAt, a.id).firstResult();
        if (clash != null) {
            throw ProblemException.conflict("signup-overlap", clash.title, clash.startsAt, clash.endsAt);
        }
        Signup s = new Signup();
        s.id = UUID.randomUUID();
        s.activityId = a.id;
        s.memberId = m.memberId;
        s.status = enrolledCount(a) < a.capacity ? Signup.ENROLLED : Signup.WAITING;
        s.signedUpAt = Instant.now();
        s.signedUpBy = by;
        s.persist();
        return s;
    }

    /** Cancels one sign-up and gives a freed place to the first on the waiting list. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancel(Activity a, Signup s, String reason) {
        boolean hadPlace = Signup.ENROLLED.equals(s.status);
        s.status = Signup.CANCELLED;
        s.cancelReason = reason;
        s.cancelledAt = Instant.now();
        if (hadPlace) {
            promote(a);
        }
    }

    /** Fills free places from the waiting list, first come first served. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void promote(Activity a) {
        Signup.flush();
        long free = a.capacity - enrolledCount(a);
        if (free <= 0) {
            return;
        }
        for (Signup next : Signup.<Signup>find("activityId = ?1 and status = ?2 order by signedUpAt, id", a.id,
                Signup.WAITING).page(0, (int) free).list()) {
            next.status = Signup.ENROLLED;
        }
    }

    /**
     * Cancels the member's sign-ups to activities not yet started that the member can no longer
     * attend (all of them after a death; those of associations no longer covering the member after
     * a transfer). Returns how many were cancelled.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int cancelFutureSignups(VolunteerMember m, String reason) {
        List<Signup> affected = new ArrayList<>();
        for (Object[] row : Signup.getEntityManager().createQuery("""
                select s, a from Signup s, Activity a where s.activityId = a.id and s.memberId = ?1 and s.status <> ?2
                and a.state in ?3 and a.startsAt > ?4 order by a.startsAt""", Object[].class)
                .setParameter(1, m.memberId).setParameter(2, Signup.CANCELLED)
                .setParameter(3, List.of(Activity.State.PUBLISHED, Activity.State.ONGOING))
                .setParameter(4, Instant.now()).getResultList()) {
            Activity a = (Activity) row[1];
            if (m.canVolunteer() && AssociationCode.covers(a.associationCode, m.associationCode)) {
                continue;
            }
            Activity locked = Activity.findById(a.id, LockModeType.PESSIMISTIC_WRITE);
            Signup s = (Signup) row[0];
            Signup.getEntityManager().refresh(s);
            if (!Signup.CANCELLED.equals(s.status)) {
                cancel(locked, s, reason);
                affected.add(s);
            }
        }
        return affected.size();
    }

    public long enrolledCount(Activity a) {
        return Signup.count("activityId = ?1 and status = ?2", a.id, Signup.ENROLLED);
    }
}
