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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
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

    /** NaN until a pass has counted: "no figure" must not read as "nothing left under old keys". */
    private final AtomicReference<Double> underOldKeys = new AtomicReference<>(Double.NaN);

    @Inject
    void registerGauge(MeterRegistry registry) {
        Gauge.builder("federation.pii.values.under.old.keys", underOldKeys, AtomicReference::get)
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
        long remaining = 0;
        for (String column : columns()) {
            Set<String> failed = new HashSet<>();
            int batch;
            do {
                int[] counts = QuarkusTransaction.requiringNew().call(() -> resealBatch(column, failed));
                resealed += counts[0];
                batch = counts[1];
            } while (batch == BATCH);
            remaining += QuarkusTransaction.requiringNew().call(() -> stale(column));
        }
        underOldKeys.set((double) remaining);
        if (resealed > 0 || remaining > 0) {
            LOG.infof("PII resealed with key %s: %d values, %d still under older keys", cipher.keyId(), resealed,
                    remaining);
        }
        return resealed;
    }

    /** Returns {resealed, rows looked at}; a value that cannot be opened is logged and left for people. */
    @SuppressWarnings("unchecked")
    private int[] resealBatch(String column, Set<String> failed) {
        String[] tc = column.split("\\.");
        var query = em.createNativeQuery("select ctid::text, " + tc[1] + " from " + tc[0] + " where "
                + staleCondition(tc[1]) + (failed.isEmpty() ? "" : " and ctid::text not in (:failed)")
                + " limit " + BATCH + " for update skip locked")
                .setParameter("prefix", cipher.keyId() + ":")
                .setParameter("prefixLength", cipher.keyId().length() + 1);
        if (!failed.isEmpty()) {
            query.setParameter("failed", failed);
        }
        List<Object[]> rows = query.getResultList();
        int resealed = 0;
        for (Object[] row : rows) {
            String sealed;
            try {
                sealed = cipher.reseal((String) row[1]);
            } catch (IllegalStateException e) {
                failed.add((String) row[0]);
                LOG.errorf("%s at %s cannot be resealed: %s", column, row[0], e.getMessage());
                continue;
            }
            // The row is locked, so its physical address (ctid) stays put until this transaction ends.
            em.createNativeQuery("update " + tc[0] + " set " + tc[1] + " = :sealed where ctid = cast(:ctid as tid)")
                    .setParameter("sealed", sealed).setParameter("ctid", row[0]).executeUpdate();
            resealed++;
        }
        return new int[] {resealed, rows.size()};
    }

    private long stale(String column) {
        String[] tc = column.split("\\.");
        return ((Number) em.createNativeQuery("select count(*) from " + tc[0] + " where " + staleCondition(tc[1]))
                .setParameter("prefix", cipher.keyId() + ":")
                .setParameter("prefixLength", cipher.keyId().length() + 1)
                .getSingleResult()).longValue();
    }

    /** Compared as a prefix, not with LIKE, so '_' or '%' in a key id are not wildcards. */
    private static String staleCondition(String column) {
        return column + " is not null and left(" + column + ", :prefixLength) <> :prefix";
    }

    private List<String> columns() {
        return config.sealedColumns().orElse(List.of());
    }
}
