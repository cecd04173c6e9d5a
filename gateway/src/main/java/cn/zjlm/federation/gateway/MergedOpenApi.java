package cn.zjlm.federation.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One OpenAPI document for the whole platform at /openapi, merged from each service's
 * /q/openapi; Swagger UI (/q/swagger-ui) shows it. A service that is down is listed as missing.
 */
@ApplicationScoped
public class MergedOpenApi {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    java.util.Optional<String> authServerUrl;

    private HttpClient client;

    /** A merge made or under way, and when it started: a complete one serves for {@link #KEPT_NANOS}. */
    record Merge(Future<Merged> document, long startedNanos) {
        /** Made again: older than 30 s, failed, or missing a service (so a service back shows at once). */
        boolean stale(long nowNanos) {
            return nowNanos - startedNanos > KEPT_NANOS || (document.isComplete()
                    && (document.failed() || !document.result().complete()));
        }
    }

    /** The merged document, and whether every service's part is in it. */
    record Merged(String json, boolean complete) {
    }

    /**
     * The endpoint is open and the merge (four fetches, parsing, merging) runs on the gateway's one event loop, so
     * calls within 30 s share one complete merge; one missing a service is made again at the next call.
     */
    static final long KEPT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private final AtomicReference<Merge> latest = new AtomicReference<>();

    void init(@Observes Router router) {
        client = vertx.createHttpClient();
        router.get("/openapi").handler(this::serve);
    }

    private void serve(RoutingContext rc) {
        long now = System.nanoTime();
        Merge merge = latest.get();
        if (merge == null || merge.stale(now)) {
            Merge fresh = new Merge(merge(), now);
            merge = latest.compareAndSet(merge, fresh) ? fresh : latest.get();
        }
        merge.document().onComplete(done -> {
            if (done.succeeded()) {
                rc.response().putHeader("Content-Type", "application/json").end(done.result().json());
            } else {
                rc.fail(done.cause());
            }
        });
    }

    private Future<Merged> merge() {
        List<Future<JsonNode>> documents = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, GatewayConfig.Route> route : config.routes().entrySet()) {
            names.add(route.getKey());
            documents.add(fetch(URI.create(route.getValue().url())));
        }
        return Future.join(documents).transform(done -> {
            ObjectNode merged = MAPPER.createObjectNode();
            merged.put("openapi", "3.1.0");
            merged.putObject("info").put("title", "浙江省劳模协会 Zhejiang Model Worker Federation Platform")
                    .put("version", "1.0.0")
                    .put("description", "All services behind the gateway. Authenticate with a bearer token from "
                            + "the federation realm; errors are RFC 9457 problem details.");
            merged.putArray("servers").addObject().put("url", "/");
            ObjectNode paths = merged.putObject("paths");
            ObjectNode components = merged.putObject("components");
            ArrayNode tags = merged.putArray("tags");
            ArrayNode missing = MAPPER.createArrayNode();
            for (int i = 0; i < documents.size(); i++) {
                Future<JsonNode> doc = documents.get(i);
                if (doc.failed()) {
                    missing.add(names.get(i));
                    continue;
                }
                JsonNode document = doc.result();
                document.path("paths").fields().forEachRemaining(p -> paths.set(p.getKey(), p.getValue()));
                document.path("tags").forEach(tags::add);
                document.path("components").fields().forEachRemaining(section -> {
                    ObjectNode target = components.has(section.getKey()) ? (ObjectNode) components.get(section.getKey())
                            : components.putObject(section.getKey());
                    section.getValue().fields().forEachRemaining(c -> target.putIfAbsent(c.getKey(), c.getValue()));
                });
            }
            ObjectNode schemes = components.has("securitySchemes") ? (ObjectNode) components.get("securitySchemes")
                    : components.putObject("securitySchemes");
            authServerUrl.ifPresent(url -> schemes.putObject("oidc").put("type", "openIdConnect")
                    .put("openIdConnectUrl", url + "/.well-known/openid-configuration"));
            if (!missing.isEmpty()) {
                merged.set("x-unavailable-services", missing);
            }
            return Future.succeededFuture(new Merged(merged.toString(), missing.isEmpty()));
        });
    }

    private Future<JsonNode> fetch(URI upstream) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(upstream.getHost())
                .setPort(ProxyRoutes.portOf(upstream)).setURI("/q/openapi?format=json").setTimeout(5000)
                // explicit headers: the OpenTelemetry Vert.x tracer fails on a request without any (Quarkus 3.30)
                .setHeaders(MultiMap.caseInsensitiveMultiMap().add("Accept", "application/json"));
        return client.request(options).compose(r -> r.send()).compose(r -> r.statusCode() == 200 ? r.body()
                : Future.failedFuture("status " + r.statusCode())).map(this::parse);
    }

    private JsonNode parse(Buffer body) {
        try {
            return MAPPER.readTree(body.getBytes());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
