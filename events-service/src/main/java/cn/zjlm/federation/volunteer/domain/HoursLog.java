package cn.zjlm.federation.volunteer.domain;

import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.identity.AssociationCode;
import cn.zjlm.federation.commons.time.ChinaTime;
import cn.zjlm.federation.volunteer.events.VolunteerEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Off-site work: a member logs it and staff confirm or reject it; staff may log it confirmed. */
@ApplicationScoped
public class HoursLog {
    private static final BigDecimal HOURS_IN_A_DAY = BigDecimal.valueOf(24);

    @Inject
    VolunteerEvents events;

    public record Work(LocalDate workDate, BigDecimal hours, String description, UUID activityId) {
    }

    /** Not in the future, not after the member's death, against an activity the member could see. */
    @Transactional(Transactional.TxType.MANDATORY)
    public VolunteerHours log(VolunteerMember m, Work work, String by, boolean confirmed) {
        if (work.workDate().isAfter(ChinaTime.today())) {
            throw ProblemException.invalidField("workDate", "events.work-in-future");
        }
        if (!m.canVolunteer() && (m.deceasedOn == null || !work.workDate().isBefore(m.deceasedOn))) {
            Signups.requireAlive(m);
        }
        if (work.activityId() != null) {
            // Follow-up work for an activity the member took part in (e.g. remote advice afterwards).
            Activity a = Activity.findById(work.activityId());
            if (a == null || a.publishedAt == null || a.state == Activity.State.CANCELLED
                    || !AssociationCode.covers(a.associationCode, m.associationCode)
                    || Signup.count("activityId = ?1 and memberId = ?2 and status = ?3", a.id, m.memberId,
                            Signup.ENROLLED) == 0) {
                throw ProblemException.invalidField("activityId", "events.activity-unknown");
            }
        }
        // a day holds 24 hours: the same work logged twice, or more than a day's worth, is refused (locked per member)
        VolunteerMember.getEntityManager().lock(m, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        // attendance counts too: a day at an activity leaves that much less of the day for off-site work
        BigDecimal logged = VolunteerHours.find("select coalesce(sum(h.hours), 0) from VolunteerHours h where h.memberId = ?1 "
                + "and h.workDate = ?2 and h.status <> ?3", m.memberId, work.workDate(), VolunteerHours.REJECTED)
                .project(BigDecimal.class).firstResult();
        if (work.activityId() != null && VolunteerHours.count("activityId = ?1 and memberId = ?2 and workDate = ?3 "
                + "and source = ?4 and status <> ?5", work.activityId(), m.memberId, work.workDate(),
                VolunteerHours.ATTENDANCE, VolunteerHours.REJECTED) > 0) {
            // that day's work at the activity is counted from the attendance; follow-up work comes on other days
            throw ProblemException.invalidField("workDate", "events.hours-counted-from-attendance");
        }
        if (logged.add(work.hours()).compareTo(HOURS_IN_A_DAY) > 0) {
            throw ProblemException.invalidField("hours", "events.hours-day-full");
        }
        VolunteerHours h = new VolunteerHours();
        h.id = UUID.randomUUID();
        h.memberId = m.memberId;
        h.associationCode = m.associationCode;
        h.activityId = work.activityId();
        h.source = VolunteerHours.OFF_SITE;
        h.workDate = work.workDate();
        h.hours = work.hours().setScale(2);
        h.description = work.description().strip();
        h.loggedBy = by;
        h.loggedAt = Instant.now();
        h.status = VolunteerHours.PENDING;
        h.persist();
        if (confirmed) {
            decide(h, VolunteerHours.CONFIRMED, null, by);
        }
        return h;
    }

    /** Confirms (sending VolunteerHoursRecorded) or rejects logged hours; each is decided once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void decide(VolunteerHours h, String status, String reason, String by) {
        if (!VolunteerHours.PENDING.equals(h.status)) {
            throw ProblemException.conflict("hours-decided", h.status, h.decidedBy);
        }
        h.status = status;
        h.decidedBy = by;
        h.decidedAt = Instant.now();
        h.decisionReason = reason;
        if (VolunteerHours.CONFIRMED.equals(status)) {
            events.hoursRecorded(h);
        }
        VolunteerHours.flush();
    }
}
