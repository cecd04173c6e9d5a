package cn.zjlm.federation.volunteer.events;

import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.commons.outbox.Outbox;
import cn.zjlm.federation.volunteer.domain.Activity;
import cn.zjlm.federation.volunteer.domain.VolunteerHours;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Volunteer events (docs/events/Activity*.schema.json, VolunteerHoursRecorded), through the outbox. */
@ApplicationScoped
public class VolunteerEvents {
    @Inject
    Outbox outbox;

    public record ActivityPublished(UUID activityId, String associationCode, String kind, String title,
            Instant startsAt, Instant endsAt, String place, int capacity, List<UUID> teamIds) {
    }

    /** Everyone who was enrolled or waiting is named, so notification channels can tell them. */
    public record ActivityCancelled(UUID activityId, String associationCode, String title, Instant startsAt,
            String reason, List<UUID> affectedMemberIds) {
    }

    public record ActivityCompleted(UUID activityId, String associationCode, String kind, Instant startsAt,
            Instant endsAt, long personTimes, String hours, Activity.Outcomes outcomes) {
    }

    public record VolunteerHoursRecorded(UUID hoursId, UUID memberId, String associationCode, UUID activityId,
            String source, LocalDate workDate, String hours, String confirmedBy) {
    }

    public void published(Activity a) {
        outbox.publish(EventTopics.VOLUNTEER, "ActivityPublished", a.id.toString(), a.associationCode,
                new ActivityPublished(a.id, a.associationCode, a.kind, a.title, a.startsAt, a.endsAt, a.place,
                        a.capacity, List.copyOf(a.teamIds)));
    }

    public void cancelled(Activity a, List<UUID> affected) {
        outbox.publish(EventTopics.VOLUNTEER, "ActivityCancelled", a.id.toString(), a.associationCode,
                new ActivityCancelled(a.id, a.associationCode, a.title, a.startsAt, a.cancelReason, affected));
    }

    public void completed(Activity a, long personTimes, BigDecimal hours) {
        outbox.publish(EventTopics.VOLUNTEER, "ActivityCompleted", a.id.toString(), a.associationCode,
                new ActivityCompleted(a.id, a.associationCode, a.kind, a.startsAt, a.endsAt, personTimes,
                        hours.setScale(2).toPlainString(), a.outcomes));
    }

    /** Keyed by the member, so one member's hours arrive in order; a correction repeats the hours id. */
    public void hoursRecorded(VolunteerHours h) {
        outbox.publish(EventTopics.VOLUNTEER, "VolunteerHoursRecorded", h.memberId.toString(), h.associationCode,
                new VolunteerHoursRecorded(h.id, h.memberId, h.associationCode, h.activityId, h.source, h.workDate,
                        h.hours.setScale(2).toPlainString(), h.decidedBy));
    }
}
