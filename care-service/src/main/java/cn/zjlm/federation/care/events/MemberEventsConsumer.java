package cn.zjlm.federation.care.events;

import cn.zjlm.federation.care.domain.CareMember;
import cn.zjlm.federation.care.domain.CaseService;
import cn.zjlm.federation.commons.events.CloudEvent;
import cn.zjlm.federation.commons.events.IdempotentConsumer;
import cn.zjlm.federation.commons.events.MemberReadModel;
import cn.zjlm.federation.commons.events.MemberSnapshot;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the care read model in step with member-service, each event applied once. A death holds
 * the member's open cases; a revoked title or a move away holds those the member no longer
 * qualifies for. Future cycles leave such members out by the same rules.
 */
@ApplicationScoped
public class MemberEventsConsumer {
    static final String CONSUMER = "care-service.member-read-model";
    private static final Logger LOG = Logger.getLogger(MemberEventsConsumer.class);

    @Inject
    IdempotentConsumer consumer;

    @Inject
    CaseService cases;

    @Incoming("member-events")
    @Blocking
    public CompletionStage<Void> onMemberEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consume(CONSUMER, batch, this::apply);
    }

    void apply(CloudEvent event) {
        MemberSnapshot.of(event)
                .flatMap(s -> MemberReadModel.apply(s, CareMember.<CareMember>findById(s.memberId()), CareMember::new))
                .ifPresent(row -> {
                    int held = cases.hold(row, cases::eligibilityRefusal);
                    if (held > 0) {
                        LOG.infof("%s: held %d open case(s) of member %s", event.type(), held, row.memberId);
                    }
                });
    }
}
