package cn.zjlm.federation.commons.audit;

import cn.zjlm.federation.commons.error.CorrelationIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.CurrentIdentityAssociation;
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

    @Inject
    CurrentIdentityAssociation identities;

    @ServerResponseFilter
    public void audit(ContainerRequestContext request, ContainerResponseContext response) {
        if (!WRITES.contains(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/api/")) {
            return;
        }
        int status = response.getStatus();
        String outcome = status < 400 ? "SUCCESS" : status == 401 || status == 403 ? "DENIED" : "REFUSED";
        String method = request.getMethod();
        String path = request.getUriInfo().getPath();
        // The request's own (CorrelationIds sets it on every request): the log context may be cleared already,
        // and a record written off the IO thread has none.
        String correlationId = (String) request.getProperty(CorrelationIds.MDC_KEY);
        java.util.function.Consumer<AuditTrail.Actor> write = actor -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> audit.record(actor, method, path, outcome,
                        "status " + status));
            } catch (RuntimeException e) {
                LOG.errorf("audit record for %s %s could not be written: %s", method, path, e.getMessage());
            }
        };
        if (!Context.isOnEventLoopThread()) {
            AuditTrail.Actor actor = audit.currentActor();
            write.accept(new AuditTrail.Actor(actor.name(), actor.association(), correlationId));
            return;
        }
        // Requests refused before reaching a worker (content type, authorization) respond on the IO thread,
        // where the identity must be resolved without blocking and the record written elsewhere.
        identities.getDeferredIdentity().subscribe().with(
                identity -> Infrastructure.getDefaultWorkerPool().execute(
                        () -> write.accept(AuditTrail.Actor.of(identity, correlationId))),
                failure -> Infrastructure.getDefaultWorkerPool().execute(
                        () -> write.accept(AuditTrail.Actor.of(null, correlationId))));
    }
}
