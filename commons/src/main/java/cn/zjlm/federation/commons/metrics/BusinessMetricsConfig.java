package cn.zjlm.federation.commons.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/**
 * federation.metrics.*: business figures each service publishes as Prometheus gauges, counted in its
 * own database. A gauge's query returns rows of (label value, number), e.g. state and count.
 */
@ConfigMapping(prefix = "federation.metrics")
public interface BusinessMetricsConfig {
    /** Read by BusinessGauges' @Scheduled; mapped so it is documented and checked. */
    @WithDefault("30s")
    Duration refreshInterval();

    /** By metric name, e.g. federation.nominations. */
    Map<String, Gauge> gauges();

    interface Gauge {
        String description();

        /** The Prometheus label the query's first column fills, e.g. state. */
        String label();

        String query();
    }
}
