package cn.zjlm.federation.commons.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every write request (accepted or refused) leaves an audit record with its outcome. Paths carry
 * ids only, never sensitive values (those travel in bodies), so the target is safe to keep.
 */
public class WriteAuditFilter {
    private static final Logger LOG = Logger.getLogger(WriteAuditFilter.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Inject
    AuditTrail audit;

    @ServerResponseFilter
    public void audit(ContainerRequestContext request, ContainerResponseContext response) {
        if (!WRITES.contains(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/api/")) {
            return;
        }
        int status = response.getStatus();
        String outcome = status < 400 ? "SUCCESS" : status == 401 || status == 403 ? "DENIED" : "REFUSED";
        AuditTrail.Actor actor = audit.currentActor();
        String method = request.getMethod();
        String path = request.getUriInfo().getPath();
        Runnable write = () -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> audit.record(actor, method, path, outcome,
                        "status " + status));
            } catch (RuntimeException e) {
                LOG.errorf("audit record for %s %s could not be written: %s", method, path, e.getMessage());
            }
        };
        // Requests refused before reaching a worker (authorization, validation) respond on the IO thread.
        if (Context.isOnEventLoopThread()) {
            Infrastructure.getDefaultWorkerPool().execute(write);
        } else {
            write.run();
        }
    }
}
