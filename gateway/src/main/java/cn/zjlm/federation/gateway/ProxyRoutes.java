package cn.zjlm.federation.gateway;

import cn.zjlm.federation.commons.error.CorrelationIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.Tenant;
import io.quarkus.oidc.TenantIdentityProvider;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Routes /api/v1/... to the owning service, streaming request and response bodies. The caller's
 * token is forwarded unchanged (each service validates it again) with a correlation id.
 */
@ApplicationScoped
public class ProxyRoutes {
    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
    /** Looked up case-insensitively, without lower-casing every header name of every request. */
    private static final Set<String> HOP_BY_HOP = caseInsensitive("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");
    /**
     * Not copied: the gateway is the edge, so a client's own forwarding headers would let it choose what services
     * believe (the address public endpoints rate-limit by, the host and port of a Location). The gateway sets
     * X-Forwarded-For/Host/Proto itself.
     */
    private static final Set<String> FORWARDING = caseInsensitive("forwarded", "x-forwarded-for", "x-forwarded-host",
            "x-forwarded-proto", "x-forwarded-port", "x-forwarded-prefix", "x-forwarded-ssl", "x-forwarded-server",
            "x-real-ip");
    /** Not copied: the tracer writes the gateway's own span there, so the service hangs under the gateway. */
    private static final Set<String> TRACE_CONTEXT = caseInsensitive("traceparent", "tracestate");
    /** A request's headers the gateway does not pass on: one lookup per header. */
    private static final Set<String> NOT_FORWARDED = union(HOP_BY_HOP, FORWARDING, TRACE_CONTEXT);
    /** Where Quarkus' OpenTelemetry instrumentation looks for the route of a request's server span. */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";
    private static final String PUBLIC_PREFIX = "/api/v1/public/";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    VerifiedTokens verifiedTokens;

    /** Bodies are streamed to the services, so the declared length is checked here, before routing. */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.limits.max-body-size")
    java.util.Optional<io.quarkus.runtime.configuration.MemorySize> maxBodySize;

    @Inject
    @Tenant("Default")
    TenantIdentityProvider tokens;

    private HttpClient client;
    private Upstream[] upstreams;

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Set<String> s : sets) {
            set.addAll(s);
        }
        return Collections.unmodifiableSet(set);
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return Collections.unmodifiableSet(set);
    }

    void init(@Observes Router router) {
        client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(100).setKeepAlive(true)
                .setConnectTimeout(5000));
        upstreams = config.routes().entrySet().stream()
                .flatMap(route -> route.getValue().prefixes().stream()
                        .map(prefix -> new Upstream(prefix, route.getKey(), URI.create(route.getValue().url()))))
                .sorted(Comparator.comparingInt((Upstream u) -> u.prefix().length()).reversed())
                .toArray(Upstream[]::new);
        router.route().order(Integer.MIN_VALUE).handler(this::correlate);
        router.route("/api/*").order(Integer.MIN_VALUE + 1).handler(this::limit); // before CORS: preflights count
        router.route().order(Integer.MIN_VALUE).failureHandler(this::securityFailure);
        // One route for the whole API, after the filters (CORS), looked up here: a route per prefix cost a match each.
        router.route("/api/*").handler(this::dispatch);
    }

    long timeoutFor(HttpMethod method, String path) {
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            for (String prefix : config.longRunning().prefixes()) {
                if (path.startsWith(prefix)) {
                    return config.longRunning().timeout().toMillis();
                }
            }
        }
        return config.upstreamTimeout().toMillis();
    }

    /**
     * The upstream's port, the scheme's default when the URL names none ("http://member-service", a Kubernetes
     * Service): Vert.x takes -1 as given and fails every connection.
     */
    static int portOf(URI upstream) {
        if (upstream.getPort() != -1) {
            return upstream.getPort();
        }
        return "https".equalsIgnoreCase(upstream.getScheme()) ? 443 : 80;
    }

    /** A path prefix a service owns: the prefix itself and everything below it. */
    record Upstream(String prefix, String service, URI url) {
        Upstream {
            prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix; // "/x/" owns "/x/..."
        }

        boolean serves(String path) {
            return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
        }
    }

    /** The service owning {@code path} (longest prefix first), or null. */
    Upstream upstreamOf(String path) {
        for (Upstream upstream : upstreams) {
            if (upstream.serves(path)) {
                return upstream;
            }
        }
        return null;
    }

    private void dispatch(RoutingContext rc) {
        Upstream upstream = upstreamOf(rc.normalizedPath());
        if (upstream == null) {
            whenAuthenticated(rc, () -> Problems.send(rc, 404, "not-found", "resource"));
            return;
        }
        // the server span is named after the owning prefix (e.g. GET /api/v1/members), as the route per prefix named it
        Context context = Vertx.currentContext();
        if (context != null) {
            context.putLocal(URL_PATH_TEMPLATE, upstream.prefix());
        }
        rc.request().pause();
        whenAuthenticated(rc, () -> proxy(rc, upstream.service(), upstream.url()));
    }

    /** A version-4 UUID from a per-thread generator: a correlation id is not a secret, so no SecureRandom lock. */
    static String randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L,
                random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L).toString();
    }

    private void correlate(RoutingContext rc) {
        String id = rc.request().getHeader(CorrelationIds.HEADER);
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            id = randomUuid();
        }
        rc.put(CorrelationIds.MDC_KEY, id);
        MDC.put(CorrelationIds.MDC_KEY, id); // kept in the request's Vert.x context, so later log lines carry it too
        rc.response().putHeader(CorrelationIds.HEADER, id);
        // W3C trace context level 2: tells the caller which trace to look up (its own, or the one started here).
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            rc.response().putHeader("traceresponse",
                    "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
        }
        rc.next();
    }

    /** Rate and declared body size: answers 429 or 413, or passes the request on. */
    private void limit(RoutingContext rc) {
        long wait = rateLimiter.secondsToWait(RateLimiter.clientKey(
                rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress()));
        if (wait > 0) {
            rc.response().putHeader("Retry-After", Long.toString(wait));
            Problems.send(rc, 429, "too-many-requests", wait);
            return;
        }
        String length = rc.request().getHeader("Content-Length");
        if (length != null && maxBodySize.isPresent() && length.matches("[0-9]{1,18}")
                && Long.parseLong(length) > maxBodySize.get().asLongValue()) {
            rc.response().putHeader("Connection", "close"); // the body is not read
            Problems.send(rc, 413, "payload-too-large");
            return;
        }
        rc.next();
    }

    /** Authentication and authorization failures leave the gateway as problem details too. */
    private void securityFailure(RoutingContext rc) {
        Throwable failure = rc.failure();
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            Problems.send(rc, 401, "unauthorized");
        } else if (failure instanceof ForbiddenException) {
            Problems.send(rc, 403, "forbidden");
        } else if (rc.statusCode() == 413) {
            Problems.send(rc, 413, "payload-too-large");
        } else {
            rc.next();
        }
    }

    /**
     * Everything under /api except /api/v1/public needs a valid bearer token, verified here with the
     * OIDC provider's keys (signature, issuer, expiry, audience) before anything is routed; a token verified
     * before is taken as valid until it expires, for a minute at most ({@link VerifiedTokens}).
     */
    private void whenAuthenticated(RoutingContext rc, Runnable next) {
        if (rc.normalizedPath().startsWith(PUBLIC_PREFIX)) { // the path as routed: /public/../x is not public
            next.run();
            return;
        }
        String authorization = rc.request().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Problems.send(rc, 401, "unauthorized");
            return;
        }
        String token = authorization.substring(7).strip();
        if (verifiedTokens.isRemembered(token)) {
            next.run();
            return;
        }
        tokens.authenticate(new AccessTokenCredential(token)).subscribe().with(
                identity -> {
                    if (identity == null || identity.isAnonymous()) {
                        Problems.send(rc, 401, "unauthorized");
                    } else {
                        verifiedTokens.remember(token, identity);
                        next.run();
                    }
                }, failure -> {
                    LOG.debugf("token refused: %s", failure.getMessage());
                    Problems.send(rc, 401, "unauthorized");
                });
    }

    private void proxy(RoutingContext rc, String service, URI upstream) {
        HttpServerRequest request = rc.request();
        RequestOptions options = new RequestOptions().setMethod(request.method()).setHost(upstream.getHost())
                .setPort(portOf(upstream)).setURI(forwardedUri(rc)).setTimeout(timeoutFor(request.method(),
                        rc.normalizedPath()));
        MultiMap headers = options.getHeaders() == null ? MultiMap.caseInsensitiveMultiMap() : options.getHeaders();
        request.headers().forEach(h -> {
            if (!NOT_FORWARDED.contains(h.getKey())) {
                headers.add(h.getKey(), h.getValue());
            }
        });
        headers.set(CorrelationIds.HEADER, (String) rc.get(CorrelationIds.MDC_KEY));
        headers.set("X-Forwarded-Host", request.authority() == null ? "" : request.authority().toString());
        headers.set("X-Forwarded-Proto", request.scheme());
        // Behind an ingress, quarkus.http.proxy settings with trusted proxies make remoteAddress() the real client.
        if (request.remoteAddress() != null) {
            headers.set("X-Forwarded-For", request.remoteAddress().hostAddress());
        }
        options.setHeaders(headers);
        client.request(options)
                .compose(upstreamRequest -> upstreamRequest.send(request))
                .onSuccess(response -> relay(response, rc.response()))
                .onFailure(error -> {
                    LOG.warnf("upstream %s failed for %s %s [%s]: %s", service, request.method(), request.path(),
                            rc.get(CorrelationIds.MDC_KEY), error.getMessage());
                    boolean timeout = error instanceof java.util.concurrent.TimeoutException
                            || String.valueOf(error.getMessage()).contains("timeout");
                    Problems.send(rc, timeout ? 504 : 503, "service-unavailable", service);
                });
    }

    /** The path as routed and checked (dot segments resolved), so the service cannot read it another way. */
    private static String forwardedUri(RoutingContext rc) {
        String query = rc.request().query();
        return query == null ? rc.normalizedPath() : rc.normalizedPath() + "?" + query;
    }

    private static void relay(HttpClientResponse upstream, HttpServerResponse response) {
        response.setStatusCode(upstream.statusCode());
        upstream.headers().forEach(h -> {
            // the gateway already set the correlation id; the service echoes the same one
            if (!HOP_BY_HOP.contains(h.getKey()) && !CorrelationIds.HEADER.equalsIgnoreCase(h.getKey())) {
                response.headers().add(h.getKey(), h.getValue());
            }
        });
        if (!upstream.headers().contains("Content-Length")) {
            response.setChunked(true);
        }
        upstream.pipeTo(response);
    }
}
