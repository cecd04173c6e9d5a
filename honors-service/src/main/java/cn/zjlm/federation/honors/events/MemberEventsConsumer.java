package cn.zjlm.federation.honors.events;

import cn.zjlm.federation.commons.events.CloudEvent;
import cn.zjlm.federation.commons.events.IdempotentConsumer;
import cn.zjlm.federation.honors.domain.NomineeMember;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The members honors-service needs for nominations and eligibility (status, sector, honours), kept
 * from member events, each applied once; an older version never overwrites a newer one.
 */
@ApplicationScoped
public class MemberEventsConsumer {
    static final String CONSUMER = "honors-service.member-read-model";
    static final Set<String> MEMBER_STATE_EVENTS = Set.of("MemberRegistered", "MemberUpdated", "MemberDeceased",
            "MemberTransferred", "HonorRecorded", "HonorRevoked");

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
        NomineeMember row = NomineeMember.findById(memberId);
        if (row != null && row.memberVersion > version) {
            return;
        }
        if (row == null) {
            row = new NomineeMember();
            row.memberId = memberId;
        }
        row.associationCode = data.path("associationCode").asText();
        row.name = data.path("name").asText();
        row.gender = data.path("gender").asText();
        row.birthDate = LocalDate.parse(data.path("birthDate").asText());
        row.status = data.path("status").asText();
        row.sector = data.hasNonNull("sector") ? data.path("sector").asText() : null;
        row.nationalIdIndex = data.path("nationalIdIndex").asText();
        row.honours = data.path("honours").toString();
        row.memberVersion = version;
        row.updatedAt = Instant.now();
        row.persist();
    }
}
