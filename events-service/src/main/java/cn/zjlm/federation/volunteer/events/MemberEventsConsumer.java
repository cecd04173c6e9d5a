package cn.zjlm.federation.volunteer.events;

import cn.zjlm.federation.commons.events.CloudEvent;
import cn.zjlm.federation.commons.events.IdempotentConsumer;
import cn.zjlm.federation.commons.events.MemberReadModel;
import cn.zjlm.federation.commons.events.MemberSnapshot;
import cn.zjlm.federation.volunteer.domain.VolunteerMember;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the volunteer read model in step with member-service, each event applied once. */
@ApplicationScoped
public class MemberEventsConsumer {
    static final String CONSUMER = "events-service.member-read-model";

    @Inject
    IdempotentConsumer consumer;

    @Incoming("member-events")
    @Blocking
    public void onMemberEvent(String payload) {
        consumer.consume(CONSUMER, payload, this::apply);
    }

    void apply(CloudEvent event) {
        MemberSnapshot.of(event).ifPresent(
                s -> MemberReadModel.apply(s, VolunteerMember.<VolunteerMember>findById(s.memberId()), VolunteerMember::new));
    }
}
