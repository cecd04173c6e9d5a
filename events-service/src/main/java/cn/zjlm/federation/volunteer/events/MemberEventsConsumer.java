package cn.zjlm.federation.volunteer.events;

import cn.zjlm.federation.commons.events.CloudEvent;
import cn.zjlm.federation.commons.events.IdempotentConsumer;
import cn.zjlm.federation.volunteer.domain.VolunteerMember;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Keeps the volunteer read model in step with member-service, each event applied once. */
@ApplicationScoped
public class MemberEventsConsumer {
    static final String CONSUMER = "events-service.member-read-model";
    /** Every one of these carries the member's state after the change (see docs/events). */
    static final java.util.Set<String> MEMBER_STATE_EVENTS = java.util.Set.of("MemberRegistered", "MemberUpdated",
            "MemberDeceased", "MemberTransferred", "HonorRecorded", "HonorRevoked");
    private static final Logger LOG = Logger.getLogger(MemberEventsConsumer.class);

    @Inject
    IdempotentConsumer consumer;

    @Incoming("member-events")
    @Blocking
    public void onMemberEvent(String payload) {
        consumer.consume(CONSUMER, payload, this::apply);
    }

    void apply(CloudEvent event) {
        if (!MEMBER_STATE_EVENTS.contains(event.type())) {
            return;
        }
        JsonNode data = event.data();
        UUID memberId = UUID.fromString(data.path("memberId").asText());
        long version = data.path("version").asLong();
        VolunteerMember row = VolunteerMember.findById(memberId);
        if (row != null && row.memberVersion > version) {
            LOG.debugf("ignoring %s for %s: version %d is older than %d", event.type(), memberId, version,
                    row.memberVersion);
            return;
        }
        if (row == null) {
            row = new VolunteerMember();
            row.memberId = memberId;
        }
        row.associationCode = data.path("associationCode").asText();
        row.name = data.path("name").asText();
        row.status = data.path("status").asText();
        row.birthDate = LocalDate.parse(data.path("birthDate").asText());
        row.memberVersion = version;
        row.updatedAt = Instant.now();
        row.persist();
    }
}
