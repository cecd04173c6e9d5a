package cn.zjlm.federation.volunteer.domain;

import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.time.ChinaTime;
import cn.zjlm.federation.volunteer.events.VolunteerEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Check-in and check-out, by staff or by the member with a code shown at the venue, and the hours
 * that follow from them. Hours from attendance are confirmed at once: the attendance is the evidence.
 */
@ApplicationScoped
public class Attendances {
    /** Clock skew tolerated when staff record a time. */
    private static final Duration SKEW = Duration.ofMinutes(5);

    @Inject
    VolunteerEvents events;

    @Inject
    CodeAttempts attempts;

    @Inject
    AttendanceCodeConfig config;

    /** Staff record (or correct) arrival and, if given, departure. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Activity a, Signup s, Instant in, Instant out, String by) {
        requireAttending(a, s, true);
        Instant latest = Instant.now().plus(SKEW);
        if (in.isAfter(latest)) {
            throw ProblemException.invalidField("checkedInAt", "events.attendance-in-future");
        }
        if (out != null && (out.isAfter(latest) || !out.isAfter(in))) {
            throw ProblemException.invalidField("checkedOutAt", "events.attendance-out-order");
        }
        s.checkedInAt = in;
        s.checkedOutAt = out;
        recordHours(a, s, by); // without a departure, hours recorded before are withdrawn
        if (a.state == Activity.State.COMPLETED) {
            announceCompletion(a); // a correction after completion changes the totals announced
        }
    }

    /**
     * Sends ActivityCompleted with the person-times (check-ins) and confirmed attendance hours as they stand; sent
     * again after each correction, the latest for an activity holds.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void announceCompletion(Activity a) {
        long personTimes = Signup.count("activityId = ?1 and checkedInAt is not null and status <> ?2", a.id,
                Signup.CANCELLED);
        BigDecimal hours = Activity.getEntityManager().createQuery("select coalesce(sum(h.hours), 0) from "
                + "VolunteerHours h where h.activityId = ?1 and h.source = ?2 and h.status = ?3", BigDecimal.class)
                .setParameter(1, a.id).setParameter(2, VolunteerHours.ATTENDANCE)
                .setParameter(3, VolunteerHours.CONFIRMED).getSingleResult();
        events.completed(a, personTimes, hours);
    }

    /** A member enters the code shown at the venue: a check-in code checks in, a check-out code checks out. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String withCode(Activity a, Signup s, String code, String by) {
        requireAttending(a, s, false);
        if (s.failedCodeAttempts >= config.maxFailedAttempts()) {
            throw new ProblemException(403, "attendance-code-locked", config.maxFailedAttempts());
        }
        AttendanceCode valid = AttendanceCode.<AttendanceCode>find(
                "activityId = ?1 and codeHash = ?2 and expiresAt > ?3", a.id, Attendance.hash(a.id, code),
                Instant.now()).firstResult();
        if (valid == null) {
            attempts.failed(s.id); // counted even though this request fails
            throw ProblemException.invalidField("code", "events.attendance-code-wrong");
        }
        Instant now = Instant.now();
        if ("CHECK_IN".equals(valid.purpose)) {
            if (s.checkedInAt != null) {
                throw ProblemException.conflict("attendance-recorded", "CHECK_IN");
            }
            s.checkedInAt = now;
        } else {
            if (s.checkedInAt == null || s.checkedOutAt != null) {
                throw ProblemException.conflict("attendance-recorded", "CHECK_OUT");
            }
            if (!now.isAfter(s.checkedInAt)) {
                // staff may record an arrival a few minutes ahead; leaving before it is not a stay
                throw ProblemException.conflict("check-out-before-check-in", s.checkedInAt);
            }
            s.checkedOutAt = now;
            recordHours(a, s, by);
        }
        return valid.purpose;
    }

    public record VenueCode(String code, Instant expiresAt) {
    }

    /** A new code for the venue, valid for the given time or the configured default; only its hash is kept. */
    @Transactional(Transactional.TxType.MANDATORY)
    public VenueCode newCode(Activity a, String purpose, Duration validity, String by) {
        Duration validFor = validity != null ? validity : config.defaultValidity();
        if (!a.isOpenForSignUp()) {
            throw ProblemException.conflict("activity-not-open", a.state);
        }
        String code = Attendance.newCode();
        AttendanceCode c = new AttendanceCode();
        c.id = UUID.randomUUID();
        c.activityId = a.id;
        c.purpose = purpose;
        c.codeHash = Attendance.hash(a.id, code);
        c.createdAt = Instant.now();
        c.expiresAt = c.createdAt.plus(validFor);
        c.createdBy = by;
        c.persist();
        return new VenueCode(code, c.expiresAt);
    }

    private void requireAttending(Activity a, Signup s, boolean staff) {
        boolean open = a.isOpenForSignUp() || (staff && a.state == Activity.State.COMPLETED);
        if (!open) {
            throw ProblemException.conflict("activity-not-open", a.state);
        }
        if (!Signup.ENROLLED.equals(s.status)) {
            throw ProblemException.conflict("attendance-not-enrolled", s.status);
        }
        if (a.state == Activity.State.PUBLISHED) {
            a.start(); // the first arrival means the activity is under way
        }
    }

    /**
     * Hours from the attendance, kept once per member and activity; a correction updates them, and
     * one that leaves no time within the window withdraws them (sent as 0.00 under the same id).
     */
    private void recordHours(Activity a, Signup s, String by) {
        BigDecimal hours = s.checkedOutAt == null ? BigDecimal.ZERO.setScale(2)
                : Attendance.hours(a.startsAt, a.endsAt, s.checkedInAt, s.checkedOutAt);
        VolunteerHours h = VolunteerHours.<VolunteerHours>find("activityId = ?1 and memberId = ?2 and source = ?3",
                a.id, s.memberId, VolunteerHours.ATTENDANCE).firstResult();
        if (h == null && hours.signum() == 0) {
            return;
        }
        if (h == null) {
            h = new VolunteerHours();
            h.id = UUID.randomUUID();
            h.memberId = s.memberId;
            h.associationCode = VolunteerMember.<VolunteerMember>findById(s.memberId).associationCode;
            h.activityId = a.id;
            h.source = VolunteerHours.ATTENDANCE;
            h.loggedBy = by;
            h.loggedAt = Instant.now();
        }
        Instant from = s.checkedInAt.isAfter(a.startsAt) ? s.checkedInAt : a.startsAt;
        h.workDate = from.atZone(ChinaTime.ZONE).toLocalDate();
        h.hours = hours;
        h.status = hours.signum() == 0 ? VolunteerHours.REJECTED : VolunteerHours.CONFIRMED;
        h.decisionReason = hours.signum() == 0 ? "No time within the activity / 不在活动时段内" : null;
        h.decidedBy = by;
        h.decidedAt = Instant.now();
        h.persist();
        events.hoursRecorded(h);
    }
}
