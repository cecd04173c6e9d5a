package cn.zjlm.federation.commons.pii;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * After a key rotation, reseals this service's encrypted columns with the current key, in small
 * transactions that skip rows other replicas hold, while the service keeps serving. The gauge
 * federation_pii_values_under_old_keys reaches 0 when the old key may be dropped.
 */
@ApplicationScoped
public class PiiResealing {
    private static final Logger LOG = Logger.getLogger(PiiResealing.class);
    private static final Pattern COLUMN = Pattern.compile("[a-z_]+\\.[a-z_]+");
    private static final int BATCH = 200;

    @Inject
    PiiConfig config;

    @Inject
    PiiCipher cipher;

    @Inject
    EntityManager em;

    private final AtomicLong underOldKeys = new AtomicLong();

    @Inject
    void registerGauge(MeterRegistry registry) {
        Gauge.builder("federation.pii.values.under.old.keys", underOldKeys, AtomicLong::get)
                .description("Encrypted values not yet resealed with the current PII key")
                .register(registry);
    }

    void checkColumns(@Observes StartupEvent event) {
        for (String column : columns()) {
            if (!COLUMN.matcher(column).matches()) {
                throw new IllegalStateException("federation.pii.sealed-columns: '" + column + "' is not table.column");
            }
        }
    }

    @Scheduled(every = "${federation.pii.reseal-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        reseal();
    }

    /** Reseals every stale value it can lock now; returns how many were resealed. */
    public long reseal() {
        long resealed = 0;
        for (String column : columns()) {
            int batch;
            do {
                batch = QuarkusTransaction.requiringNew().call(() -> resealBatch(column));
                resealed += batch;
            } while (batch == BATCH);
        }
        long remaining = 0;
        for (String column : columns()) {
            remaining += QuarkusTransaction.requiringNew().call(() -> stale(column));
        }
        underOldKeys.set(remaining);
        if (resealed > 0 || remaining > 0) {
            LOG.infof("PII resealed with key %s: %d values, %d still under older keys", cipher.keyId(), resealed,
                    remaining);
        }
        return resealed;
    }

    @SuppressWarnings("unchecked")
    private int resealBatch(String column) {
        String[] tc = column.split("\\.");
        // A ciphertext is unique (random IV), so the locked value itself identifies its row.
        List<String> values = em.createNativeQuery("select " + tc[1] + " from " + tc[0] + " where " + tc[1]
                + " is not null and " + tc[1] + " not like ?1 limit " + BATCH + " for update skip locked")
                .setParameter(1, cipher.keyId() + ":%").getResultList();
        for (String value : values) {
            em.createNativeQuery("update " + tc[0] + " set " + tc[1] + " = ?1 where " + tc[1] + " = ?2")
                    .setParameter(1, cipher.reseal(value)).setParameter(2, value).executeUpdate();
        }
        return values.size();
    }

    private long stale(String column) {
        String[] tc = column.split("\\.");
        return ((Number) em.createNativeQuery("select count(*) from " + tc[0] + " where " + tc[1]
                + " is not null and " + tc[1] + " not like ?1").setParameter(1, cipher.keyId() + ":%")
                .getSingleResult()).longValue();
    }

    private List<String> columns() {
        return config.sealedColumns().orElse(List.of());
    }
}
