package cn.zjlm.federation.commons.outbox;

import cn.zjlm.federation.commons.events.CloudEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import cn.zjlm.federation.commons.persistence.TimeOrderedIds;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Records an event in the caller's transaction; the relay publishes it after commit. */
@ApplicationScoped
public class Outbox {
    @Inject
    ObjectMapper mapper;

    @Inject
    OutboxRelay relay;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** Marks a transaction whose commit already wakes the relay. */
    private static final Object WAKE_UP = new Object();

    @ConfigProperty(name = "quarkus.application.name")
    String source;

    /**
     * @param subject the aggregate id; also the Kafka record key, so one aggregate's events keep their order
     * @param association the owning association's code (CloudEvents extension attribute)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String topic, String type, String subject, String association, Object data) {
        prepare(topic, type, subject, association, data).persist();
        wakeRelayOnCommit();
    }

    /**
     * The outbox row of an event, not stored, made on any thread: for a bulk writer that stores it with its
     * transaction's other rows (see EntityCopy) in a transaction that calls {@link #wakeRelayOnCommit}.
     */
    public OutboxEvent prepare(String topic, String type, String subject, String association, Object data) {
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, TimeOrderedIds.next().toString(), "/" + source, type,
                subject, Instant.now().truncatedTo(ChronoUnit.MICROS).toString(), "application/json",
                CloudEvent.schemaFor(type), association, mapper.valueToTree(data));
        OutboxEvent row = new OutboxEvent();
        row.eventId = UUID.fromString(event.id());
        row.topic = topic;
        row.recordKey = subject;
        row.eventType = type;
        row.createdAt = Instant.now();
        row.traceparent = TraceContext.current();
        try {
            row.payload = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serializable: " + type, e);
        }
        return row;
    }

    /** The relay is woken when the current transaction commits (once, however many events it stores). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void wakeRelayOnCommit() {
        if (transactions.getResource(WAKE_UP) == null) { // once per transaction, however many events it records
            transactions.putResource(WAKE_UP, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        relay.wakeUp();
                    }
                }
            });
        }
    }
}
