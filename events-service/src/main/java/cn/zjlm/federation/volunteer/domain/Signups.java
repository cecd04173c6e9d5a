package cn.zjlm.federation.volunteer.domain;

import cn.zjlm.federation.commons.events.MemberReasons;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.identity.AssociationCode;
import cn.zjlm.federation.commons.time.ChinaTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Sign-up rules: a place while capacity lasts, then the waiting list in order; no member booked on
 * two overlapping activities (a waiting place counts as a booking, so a promotion never creates an
 * overlap). Locks are always taken member first, then activity: sign-ups of one member are
 * serialised by the member's row, sign-ups to one activity by the activity's row.
 */
@ApplicationScoped
public class Signups {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ChinaTime.ZONE);
    private static final List<Activity.State> BOOKABLE = List.of(Activity.State.PUBLISHED, Activity.State.ONGOING);

    /** Signs the member up; the activity is re-read under its lock, after the member's. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Signup signUp(Activity a, UUID memberId, String by) {
        VolunteerMember m = VolunteerMember.findById(memberId, LockModeType.PESSIMISTIC_WRITE);
        if (m == null || !AssociationCode.covers(a.associationCode, m.associationCode)) {
            throw ProblemException.notFound("member");
        }
        lock(a);
        if (!a.isOpenForSignUp()) {
            throw ProblemException.conflict("activity-not-open", a.state);
        }
        requireAlive(m);
        if (live(a, m.memberId) != null) {
            throw ProblemException.conflict("signup-exists");
        }
        Activity clash = clash(m.memberId, a);
        if (clash != null) {
            throw ProblemException.conflict("signup-overlap", clash.title, SHOWN.format(clash.startsAt),
                    SHOWN.format(clash.endsAt));
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

    /** The first activity the member is booked on that overlaps {@code a}'s window, if any. */
    public Activity clash(UUID memberId, Activity a) {
        return Activity.<Activity>find("""
                select a from Activity a, Signup s where s.activityId = a.id and s.memberId = ?1 and s.status <> ?2
                and a.state in ?3 and a.startsAt < ?4 and a.endsAt > ?5 and a.id <> ?6 order by a.startsAt""",
                memberId, Signup.CANCELLED, BOOKABLE, a.endsAt, a.startsAt, a.id).firstResult();
    }

    /** The member's place or waiting place on the activity; null when there is none. */
    public static Signup live(Activity a, UUID memberId) {
        return Signup.<Signup>find("activityId = ?1 and memberId = ?2 and status <> ?3", a.id, memberId,
                Signup.CANCELLED).firstResult();
    }

    public static Signup requireLive(Activity a, UUID memberId) {
        Signup s = live(a, memberId);
        if (s == null) {
            throw ProblemException.notFound("signup");
        }
        return s;
    }

    public static void requireAlive(VolunteerMember m) {
        if (!m.canVolunteer()) {
            throw new ProblemException(422, "not-eligible", MemberReasons.deceased(m.deceasedOn));
        }
    }

    /** Takes the activity's row lock and re-reads it, so capacity and state are current. */
    public static void lock(Activity a) {
        Activity.getEntityManager().refresh(a, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Cancels one sign-up before the member has attended, and gives a freed place to the first on
     * the waiting list. The caller holds the activity's lock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancel(Activity a, Signup s, String reason) {
        if (!a.isOpenForSignUp()) {
            throw ProblemException.conflict("activity-not-open", a.state);
        }
        if (s.checkedInAt != null) {
            throw ProblemException.conflict("signup-attended");
        }
        boolean hadPlace = Signup.ENROLLED.equals(s.status);
        close(s, reason);
        if (hadPlace) {
            promote(a);
        }
    }

    /** Cancels every live sign-up of a cancelled activity; returns the members affected. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> cancelAll(Activity a, String reason) {
        List<UUID> affected = new ArrayList<>();
        for (Signup s : Signup.<Signup>list("activityId = ?1 and status <> ?2 order by signedUpAt, id", a.id,
                Signup.CANCELLED)) {
            close(s, reason);
            affected.add(s.memberId);
        }
        return affected;
    }

    private static void close(Signup s, String reason) {
        s.status = Signup.CANCELLED;
        s.cancelReason = reason;
        s.cancelledAt = Instant.now();
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
     * Cancels the member's sign-ups to activities not yet begun that the member can no longer
     * attend (all of them after a death; those whose organiser no longer covers the member after a
     * transfer). The member's row is written first, then the activities are locked in id order.
     * Returns how many were cancelled.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int cancelFutureSignups(VolunteerMember m, String reason) {
        VolunteerMember.getEntityManager().lock(m, LockModeType.PESSIMISTIC_WRITE);
        int cancelled = 0;
        for (Activity a : Activity.<Activity>list("""
                select a from Activity a where a.state in ?1 and a.startsAt > ?2 and exists (select 1 from Signup s
                where s.activityId = a.id and s.memberId = ?3 and s.status <> ?4) order by a.id""",
                BOOKABLE, Instant.now(), m.memberId, Signup.CANCELLED)) {
            if (m.canVolunteer() && AssociationCode.covers(a.associationCode, m.associationCode)) {
                continue;
            }
            lock(a);
            Signup s = live(a, m.memberId);
            if (s != null) {
                boolean hadPlace = Signup.ENROLLED.equals(s.status);
                close(s, reason);
                if (hadPlace) {
                    promote(a);
                }
                cancelled++;
            }
        }
        return cancelled;
    }

    public long enrolledCount(Activity a) {
        return Signup.count("activityId = ?1 and status = ?2", a.id, Signup.ENROLLED);
    }
}
