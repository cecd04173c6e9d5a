package cn.zjlm.federation.commons.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Applies each event at most once per consumer: the processed-event row and the handler's changes
 * commit together, so a redelivery (Kafka is at-least-once) finds the row and does nothing.
 * A message that is not a valid CloudEvent throws PoisonMessageException; the Kafka connector's
 * dead-letter strategy then parks it with the reason.
 */
@ApplicationScoped
public class IdempotentConsumer {
    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    public CloudEvent parse(String json) {
        try {
            CloudEvent event = mapper.readValue(json, CloudEvent.class);
            if (event.id() == null || event.type() == null || event.data() == null) {
                throw new PoisonMessageException("not a CloudEvent: id, type and data are required");
            }
            UUID.fromString(event.id());
            return event;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonMessageException("unreadable event: " + e.getMessage());
        }
    }

    /** @return true when the handler ran, false for a duplicate */
    @Transactional
    public boolean consume(String consumer, String json, Consumer<CloudEvent> handler) {
        CloudEvent event = parse(json);
        int inserted = em.createNativeQuery("insert into processed_event (consumer, event_id, event_type) "
                + "values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, consumer).setParameter(2, UUID.fromString(event.id())).setParameter(3, event.type())
                .executeUpdate();
        if (inserted == 0) {
            return false;
        }
        handler.accept(event);
        return true;
    }

    /** Thrown for messages that can never be processed; they go to the dead-letter topic. */
    public static class PoisonMessageException extends RuntimeException {
        public PoisonMessageException(String message) {
            super(message);
        }
    }
}
