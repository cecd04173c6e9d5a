package cn.zjlm.federation.volunteer.events;

import cn.zjlm.federation.commons.events.MemberReasons;
import cn.zjlm.federation.commons.events.CloudEvent;
import cn.zjlm.federation.commons.events.IdempotentConsumer;
import cn.zjlm.federation.commons.events.MemberReadModel;
import cn.zjlm.federation.commons.events.MemberSnapshot;
import cn.zjlm.federation.volunteer.domain.ServiceTeam;
import cn.zjlm.federation.volunteer.domain.SignupReasons;
import cn.zjlm.federation.volunteer.domain.Signups;
import cn.zjlm.federation.volunteer.domain.TeamMember;
import cn.zjlm.federation.volunteer.domain.VolunteerMember;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the volunteer read model in step with member-service, each event applied once. A death
 * cancels the member's sign-ups to activities not yet begun and ends their team memberships; a
 * move away cancels sign-ups the new association is outside of. History stays.
 */
@ApplicationScoped
public class MemberEventsConsumer {
    static final String CONSUMER = "events-service.member-read-model";
    private static final Logger LOG = Logger.getLogger(MemberEventsConsumer.class);

    @Inject
    IdempotentConsumer consumer;

    @Inject
    Signups signups;

    @Incoming("member-events")
    @Blocking
    public CompletionStage<Void> onMemberEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consume(CONSUMER, batch, this::lockMembers, this::apply);
    }

    /**
     * A batch locks its members' rows first, in one order: cancelling one member's sign-ups locks activities, and
     * a sign-up locks its member, then the activity. Locking the next member after an activity could deadlock.
     */
    void lockMembers(List<CloudEvent> events) {
        List<UUID> ids = events.stream().map(MemberSnapshot::of).flatMap(Optional::stream).map(MemberSnapshot::memberId)
                .distinct().toList();
        if (ids.size() > 1) {
            VolunteerMember.lockInOrder(ids);
        }
    }

    void apply(CloudEvent event) {
        MemberSnapshot.of(event).ifPresent(s -> {
            VolunteerMember held = VolunteerMember.findById(s.memberId());
            MemberReadModel.apply(s, held, VolunteerMember::new)
                    .filter(m -> held != null) // one new here has signed up for nothing and is in no team yet
                    .ifPresent(m -> {
                        String reason = m.isDeceased() ? MemberReasons.deceased(m.deceasedOn)
                                : SignupReasons.transferred(m.associationCode);
                        int cancelled = signups.cancelFutureSignups(m, reason);
                        if (m.isDeceased()) {
                            TeamMember.update("leftAt = ?1, leftReason = ?2 where memberId = ?3 and leftAt is null",
                                    Instant.now(), reason, m.memberId);
                            ServiceTeam.update("leaderId = null where leaderId = ?1", m.memberId);
                        }
                        if (cancelled > 0) {
                            LOG.infof("%s: cancelled %d sign-up(s) of member %s", event.type(), cancelled, m.memberId);
                        }
                    });
        });
    }
}
