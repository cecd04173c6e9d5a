package cn.zjlm.federation.commons.metrics;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Business gauges (members by status, nominations by state, ...) counted by query on a schedule, not
 * incremented in code paths, so they stay right across replicas, restarts and imports. Every replica
 * reports the same database figure; dashboards take max().
 */
@ApplicationScoped
public class BusinessGauges {
    private static final Logger LOG = Logger.getLogger(BusinessGauges.class);

    @Inject
    BusinessMetricsConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    EntityManager em;

    /** metric name -> label value -> latest figure. */
    private final Map<String, Map<String, AtomicReference<Double>>> figures = new ConcurrentHashMap<>();

    void onStart(@Observes StartupEvent event) {
        refresh();
    }

    @Scheduled(every = "${federation.metrics.refresh-interval:30s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        config.gauges().forEach((name, gauge) -> {
            try {
                update(name, gauge, QuarkusTransaction.requiringNew().call(() -> rows(gauge.query())));
            } catch (RuntimeException e) {
                LOG.warnf("business gauge %s not refreshed: %s", name, e.getMessage());
            }
        });
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String query) {
        return em.createNativeQuery(query).getResultList();
    }

    private void update(String name, BusinessMetricsConfig.Gauge gauge, List<Object[]> rows) {
        Map<String, Double> latest = new java.util.HashMap<>();
        for (Object[] row : rows) {
            latest.put(String.valueOf(row[0]), ((Number) row[1]).doubleValue());
        }
        Map<String, AtomicReference<Double>> byLabel = figures.computeIfAbsent(name, n -> new ConcurrentHashMap<>());
        latest.keySet().forEach(label -> byLabel.computeIfAbsent(label, v -> register(name, gauge, v)));
        // A label that no longer occurs (the last HELD case was paid) reads 0, not its old figure.
        byLabel.forEach((label, figure) -> figure.set(latest.getOrDefault(label, 0.0)));
    }

    private AtomicReference<Double> register(String name, BusinessMetricsConfig.Gauge gauge, String labelValue) {
        AtomicReference<Double> figure = new AtomicReference<>(0.0);
        Gauge.builder(name, figure, AtomicReference::get)
                .description(gauge.description())
                .tag(gauge.label(), labelValue)
                .register(registry);
        return figure;
    }
}
