package cn.zjlm.federation.commons.events;

import cn.zjlm.federation.commons.error.DatabaseFailures;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Applies each event at most once per consumer: the processed-event row and the handler's changes
 * commit together, so a redelivery (Kafka is at-least-once) finds the row and does nothing.
 * A message that is not a valid CloudEvent throws PoisonMessageException; the Kafka connector's
 * dead-letter strategy then parks it with the reason.
 */
@ApplicationScoped
public class IdempotentConsumer {
    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    private static final int JDBC_BATCH = 100;
    /** Pauses before a batch is tried again after a failure that passes: about a minute in all. */
    static final long[] BATCH_PAUSES_MILLIS = {200, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000};
    /** One by one, a record is tried again briefly: the database came back, or another writer won. */
    static final long[] RECORD_PAUSES_MILLIS = {200, 1_000};

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

    /** @return true when the handler ran, false for a duplicate; in its own transaction */
    private boolean consume(String consumer, String json, Consumer<CloudEvent> handler) {
        return QuarkusTransaction.requiringNew().call(() -> {
            CloudEvent event = parse(json);
            if (claim(consumer, List.of(event)).isEmpty()) {
                return false;
            }
            handler.accept(event);
            return true;
        });
    }

    /**
     * Applies the records of one poll in one transaction, in their order: one commit for many events keeps a
     * bulk change (an import's 130,000 events) from taking minutes, and a single event is a batch of one. If
     * any record fails, that transaction is rolled back and the records are applied one by one, each in its
     * own; one that fails alone is nacked alone, so the dead-letter strategy parks it with its reason and the
     * others are applied. Acknowledges the batch when done.
     */
    public CompletionStage<Void> consume(String consumer, KafkaRecordBatch<String, String> batch,
            Consumer<CloudEvent> handler) {
        return consume(consumer, batch, events -> { }, handler);
    }

    /**
     * As above, with {@code prepare} given the batch's new events, in the batch's transaction, before they are
     * handled: e.g. to lock the rows they will lock, in one order, as a transaction of one event would.
     */
    public CompletionStage<Void> consume(String consumer, KafkaRecordBatch<String, String> batch,
            Consumer<List<CloudEvent>> prepare, Consumer<CloudEvent> handler) {
        List<KafkaRecord<String, String>> records = batch.getRecords();
        try {
            // A database restart, failover or deadlock passes: the batch waits for it (about a minute) rather than
            // having its events parked as if they were faulty.
            DatabaseFailures.retryingWhilePassing(() -> applyTogether(consumer, records, prepare, handler),
                    (e, pause) -> LOG.warnf("%s: %d events not applied (%s); trying again in %d ms", consumer,
                            records.size(), e.toString(), pause), BATCH_PAUSES_MILLIS);
            return batch.ack();
        } catch (RuntimeException batchFailed) {
            if (records.size() > 1) {
                LOG.infof("%s: %d events not applied together (%s), applying them one by one", consumer,
                        records.size(), batchFailed.toString());
            }
        }
        List<CompletableFuture<Void>> parked = new ArrayList<>();
        for (KafkaRecord<String, String> record : records) {
            try (Scope traced = traceOf(record)) {
                DatabaseFailures.retryingWhilePassing(() -> consume(consumer, record.getPayload(), handler),
                        (e, pause) -> LOG.warnf("%s: event not applied (%s); trying again in %d ms", consumer,
                                e.toString(), pause), RECORD_PAUSES_MILLIS);
            } catch (RuntimeException e) {
                parked.add(record.nack(e).toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(parked.toArray(CompletableFuture[]::new)).thenCompose(v -> batch.ack());
    }

    private void applyTogether(String consumer, List<KafkaRecord<String, String>> records,
            Consumer<List<CloudEvent>> prepare, Consumer<CloudEvent> handler) {
        QuarkusTransaction.requiringNew().run(() -> {
            // the batch's inserts and updates go in JDBC batches; one by one below, an error names its row
            em.unwrap(Session.class).setJdbcBatchSize(JDBC_BATCH);
            List<CloudEvent> events = records.stream().map(r -> parse(r.getPayload())).toList();
            Set<UUID> claimed = claim(consumer, events);
            List<Integer> fresh = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                // remove: an event delivered twice in one poll is applied once
                if (claimed.remove(UUID.fromString(events.get(i).id()))) {
                    fresh.add(i);
                }
            }
            prepare.accept(fresh.stream().map(events::get).toList());
            for (int i : fresh) {
                try (Scope traced = traceOf(records.get(i))) {
                    handler.accept(events.get(i));
                }
            }
        });
    }

    /**
     * Makes the record's receive span current while its event is handled, so the handler's work and the events it
     * writes continue the producer's trace (in batch mode the connector does not).
     */
    private static Scope traceOf(KafkaRecord<String, String> record) {
        Context context = TracingMetadata.fromMessage(record).map(TracingMetadata::getCurrentContext).orElse(null);
        return context == null ? Scope.noop() : context.makeCurrent();
    }

    /** Records the events as processed by the consumer; the ids of those not processed before. */
    private Set<UUID> claim(String consumer, List<CloudEvent> events) {
        UUID[] ids = events.stream().map(e -> UUID.fromString(e.id())).toArray(UUID[]::new);
        String[] types = events.stream().map(CloudEvent::type).toArray(String[]::new);
        return em.unwrap(Session.class).doReturningWork(connection -> {
            Set<UUID> claimed = new HashSet<>();
            Array idArray = connection.createArrayOf("uuid", ids);
            Array typeArray = connection.createArrayOf("text", types);
            try (PreparedStatement insert = connection.prepareStatement("insert into processed_event "
                    + "(consumer, event_id, event_type) select ?, id, type from unnest(?, ?) as e (id, type) "
                    + "on conflict do nothing returning event_id")) {
                insert.setString(1, consumer);
                insert.setArray(2, idArray);
                insert.setArray(3, typeArray);
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(rs.getObject(1, UUID.class));
                    }
                }
            } finally {
                idArray.free();
                typeArray.free();
            }
            return claimed;
        });
    }

    /** Thrown for messages that can never be processed; they go to the dead-letter topic. */
    public static class PoisonMessageException extends RuntimeException {
        public PoisonMessageException(String message) {
            super(message);
        }
    }
}
