package cn.zjlm.federation.honors.events;

import cn.zjlm.federation.commons.events.CloudEvent;
import cn.zjlm.federation.commons.events.IdempotentConsumer;
import cn.zjlm.federation.commons.events.MemberReadModel;
import cn.zjlm.federation.commons.events.MemberSnapshot;
import cn.zjlm.federation.honors.domain.NomineeMember;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The members honors-service needs for nominations and eligibility (status, sector, honours), kept
 * from member events, each applied once; an older version never overwrites a newer one.
 */
@ApplicationScoped
public class MemberEventsConsumer {
    static final String CONSUMER = "honors-service.member-read-model";

    @Inject
    IdempotentConsumer consumer;

    @Incoming("member-events")
    @Blocking
    public CompletionStage<Void> onMemberEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consume(CONSUMER, batch, this::apply);
    }

    void apply(CloudEvent event) {
        MemberSnapshot.of(event).ifPresent(
                s -> MemberReadModel.apply(s, NomineeMember.<NomineeMember>findById(s.memberId()), NomineeMember::new));
    }
}
