package cn.zjlm.federation.volunteer.events;

import cn.zjlm.federation.commons.events.CloudEvent;
import cn.zjlm.federation.commons.events.IdempotentConsumer;
import cn.zjlm.federation.commons.events.MemberSnapshot;
import cn.zjlm.federation.volunteer.domain.VolunteerMember;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Keeps the volunteer read model in step with member-service, each event applied once. */
@ApplicationScoped
public class MemberEventsConsumer {
    static final String CONSUMER = "events-service.member-read-model";
    private static final Logger LOG = Logger.getLogger(MemberEventsConsumer.class);

    @Inject
    IdempotentConsumer consumer;

    @Incoming("member-events")
    @Blocking
    public void onMemberEvent(String payload) {
        consumer.consume(CONSUMER, payload, this::apply);
    }

    void apply(CloudEvent event) {
        MemberSnapshot.of(event).ifPresent(s -> {
            VolunteerMember row = VolunteerMember.findById(s.memberId());
            if (!s.isNotOlderThan(row == null ? null : row.memberVersion)) {
                LOG.debugf("ignoring %s for %s: version %d is older than %d", event.type(), s.memberId(), s.version(),
                        row.memberVersion);
                return;
            }
            if (row == null) {
                row = new VolunteerMember();
                row.memberId = s.memberId();
            }
            row.associationCode = s.associationCode();
            row.name = s.name();
            row.status = s.status();
            row.birthDate = s.birthDate();
            row.memberVersion = s.version();
            row.updatedAt = Instant.now();
            row.persist();
        });
    }
}
