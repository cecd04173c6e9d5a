package cn.zjlm.federation.commons.audit;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Purges audit records past the retention period once a day; a period below the legal 180 days stops the start. */
@Startup
@ApplicationScoped
public class AuditRetention {
    static final Duration LEGAL_MINIMUM = Duration.ofDays(180);
    private static final Logger LOG = Logger.getLogger(AuditRetention.class);

    @ConfigProperty(name = "federation.audit.retention")
    Duration retention;

    @Inject
    AuditTrail audit;

    @PostConstruct
    void check() {
        if (retention.compareTo(LEGAL_MINIMUM) < 0) {
            throw new IllegalStateException("federation.audit.retention " + retention
                    + " is below the legal minimum of 180 days (P180D)");
        }
    }

    @Scheduled(every = "24h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        long purged = audit.purge(retention);
        if (purged > 0) {
            LOG.infof("audit trail: %d records older than %s purged", purged, retention);
        }
    }
}
