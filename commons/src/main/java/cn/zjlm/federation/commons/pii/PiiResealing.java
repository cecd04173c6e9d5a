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
import jakarta.persistence.Query;
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

    /** A configured table.column, checked once so the names can be put into SQL. */
    record SealedColumn(String table, String column) {
        static SealedColumn parse(String name) {
            if (!COLUMN.matcher(name).matches()) {
                throw new IllegalStateException("federation.pii.sealed-columns: '" + name + "' is not table.column");
            }
            String[] parts = name.split("\\.");
            return new SealedColumn(parts[0], parts[1]);
        }

        /** Compared as a prefix, not with LIKE, so '_' or '%' in a key id are not wildcards. */
        String staleCondition() {
            return column + " is not null and left(" + column + ", :prefixLength) <> :prefix";
        }

        @Override
        public String toString() {
            return table + "." + column;
        }
    }

    private List<SealedColumn> columns = List.of();

    void checkColumns(@Observes StartupEvent event) {
        columns = config.sealedColumns().orElse(List.of()).stream().map(SealedColumn::parse).toList();
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
        for (SealedColumn column : columns) {
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
    private int[] resealBatch(SealedColumn column, Set<String> failed) {
        Query query = withKeyPrefix(em.createNativeQuery("select ctid::text, " + column.column() + " from "
                + column.table() + " where " + column.staleCondition()
                + (failed.isEmpty() ? "" : " and ctid::text not in (:failed)")
                + " limit " + BATCH + " for update skip locked"));
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
            // The row is locked, so its physical address (ctid) stays put until this transaction ends. A versioned row
            // gets a new version: a writer that read it before would otherwise write the old key's value back.
            em.createNativeQuery("update " + column.table() + " set " + column.column() + " = :sealed"
                    + (versioned(column.table()) ? ", version = version + 1" : "") + " where ctid = cast(:ctid as tid)")
                    .setParameter("sealed", sealed).setParameter("ctid", row[0]).executeUpdate();
            resealed++;
        }
        return new int[] {resealed, rows.size()};
    }

    private final java.util.Map<String, Boolean> versionedTables = new java.util.concurrent.ConcurrentHashMap<>();

    /** Whether the table's rows carry an optimistic-lock version (column {@code version}). */
    private boolean versioned(String table) {
        return versionedTables.computeIfAbsent(table, t -> ((Number) em.createNativeQuery("select count(*) from "
                + "information_schema.columns where table_schema = current_schema() and table_name = :table "
                + "and column_name = 'version'").setParameter("table", t).getSingleResult()).longValue() > 0);
    }

        private long stale(SealedColumn column) {
        return ((Number) withKeyPrefix(em.createNativeQuery("select count(*) from " + column.table() + " where "
                + column.staleCondition())).getSingleResult()).longValue();
    }

    private Query withKeyPrefix(Query query) {
        String prefix = cipher.currentPrefix();
        return query.setParameter("prefix", prefix).setParameter("prefixLength", prefix.length());
    }
}
