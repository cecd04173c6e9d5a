package cn.zjlm.federation.commons.outbox;

import cn.zjlm.federation.commons.events.CloudEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows in commit order, waits for the broker's acknowledgement, then marks them
 * sent. One relay per database at a time (advisory lock) keeps per-key order across replicas; on
 * failure the whole relay backs off, so a later event never overtakes an earlier one. Delivery is
 * at least once: consumers de-duplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x6f7574626f78L; // "outbox"
    private static final int BATCH = 1000;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    OutboxConfig config;

    @Inject
    Tracer tracer;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-relay");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile Producer<String, String> producer;
    private volatile Instant pausedUntil = Instant.EPOCH;
    private volatile int consecutiveFailures;

    /** Asks for a drain soon; cheap and safe to call from any thread. */
    public void wakeUp() {
        requested.set(true);
        if (!worker.isShutdown()) {
            worker.execute(this::drain);
        }
    }

    /** Fallback for wake-ups lost to a crash or a Kafka outage. */
    @Scheduled(every = "${federation.outbox.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wakeUp();
    }

    void drain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        try {
            while (requested.getAndSet(false)) {
                if (Instant.now().isBefore(pausedUntil)) {
                    return;
                }
                while (publishBatch() == BATCH) {
                    // a full batch: more may be waiting
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay failed: %s", e.getMessage());
        } finally {
            draining.set(false);
        }
    }

    /** Publishes up to one batch; returns how many rows it marked sent. */
    int publishBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object locked = em.createNativeQuery("select pg_try_advisory_xact_lock(?1)").setParameter(1, RELAY_LOCK)
                    .getSingleResult();
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            List<OutboxEvent> batch = em.createQuery(
                    "from OutboxEvent where sentAt is null order by seq", OutboxEvent.class).setMaxResults(BATCH)
                    .getResultList();
            if (batch.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
            List<Span> spans = new ArrayList<>(batch.size());
            try {
                RuntimeException sendFailure = null;
                for (OutboxEvent row : batch) {
                    Span span = publishSpan(row);
                    spans.add(span);
                    try {
                        ProducerRecord<String, String> record = new ProducerRecord<>(row.topic, row.recordKey,
                                row.payload);
                        record.headers().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                        record.headers().add("ce_type", row.eventType.getBytes(StandardCharsets.UTF_8));
                        TraceContext.inject(Context.root().with(span), record.headers());
                        acks.add(producer().send(record));
                    } catch (RuntimeException e) {
                        sendFailure = e;
                        break;
                    }
                }
                List<Long> sent = new ArrayList<>(acks.size());
                Exception failure = null;
                for (int i = 0; i < acks.size() && failure == null; i++) {
                    try {
                        acks.get(i).get(30, TimeUnit.SECONDS);
                        sent.add(batch.get(i).seq);
                        spans.get(i).end();
                    } catch (Exception e) {
                        failure = e;
                    }
                }
                if (!sent.isEmpty()) {
                    // one statement for the batch rather than an update per row
                    em.createQuery("update OutboxEvent set sentAt = ?1 where seq in ?2").setParameter(1, Instant.now())
                            .setParameter(2, sent).executeUpdate();
                }
                if (failure == null) {
                    failure = sendFailure; // the row after the acknowledged ones was not sent at all
                }
                if (failure != null) {
                    recordFailure(batch.get(sent.size()), failure);
                } else {
                    consecutiveFailures = 0;
                }
                return sent.size();
            } finally {
                // spans of events not acknowledged (they are sent again later) end as errors
                for (Span span : spans) {
                    if (span.isRecording()) {
                        span.setStatus(StatusCode.ERROR, "not acknowledged by the broker; will be retried").end();
                    }
                }
            }
        });
    }

    /** A producer span per event, child of the request that wrote it, ended when the broker has answered. */
    private Span publishSpan(OutboxEvent row) {
        return tracer.spanBuilder(row.topic + " publish").setSpanKind(SpanKind.PRODUCER)
                .setParent(TraceContext.parent(row.traceparent))
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.destination.name", row.topic)
                .setAttribute("messaging.message.id", row.eventId.toString())
                .setAttribute("cloudevents.event_type", row.eventType)
                .startSpan();
    }

    private void recordFailure(OutboxEvent head, Exception e) {
        head.attempts++;
        head.lastError = String.valueOf(e.getMessage());
        consecutiveFailures++;
        long millis = Math.min(config.maxBackoff().toMillis(), 250L << Math.min(consecutiveFailures, 10));
        pausedUntil = Instant.now().plusMillis(millis);
        LOG.warnf("outbox: event %s to %s not acknowledged (attempt %d), retrying in %d ms: %s", head.eventId,
                head.topic, head.attempts, millis, e.getMessage());
    }

    private Producer<String, String> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties props = new Properties();
                    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
                    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
                    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15000);
                    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
                    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    producer = new KafkaProducer<>(props);
                }
            }
        }
        return producer;
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
