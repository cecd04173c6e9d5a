package cn.zjlm.federation.gateway;

import cn.zjlm.federation.commons.error.CorrelationIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One line per request (method, path, status, bytes, duration, correlation and trace ids), written to standard output
 * in batches by a thread of its own. The log manager's access log formatted a full record per request on the event
 * loop and wrote it with a system call each: a tenth of the gateway's CPU under load (docs/performance.md). Lines are
 * JSON where the console logs JSON. A backlog above {@value #MAX_PENDING} lines is dropped and counted, never waited on.
 */
@Singleton // no client proxy: tests swap the sink field
public class AccessLog {
    static final int MAX_PENDING = 100_000;
    private static final Logger LOG = Logger.getLogger(AccessLog.class);
    private static final String LOGGER_NAME = "access";
    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final ByteArrayOutputStream batch = new ByteArrayOutputStream(64 * 1024);

    @Inject
    GatewayConfig config;

    @ConfigProperty(name = "quarkus.log.console.json.enabled", defaultValue = "false")
    boolean json;

    /** Where batches go; the same PrintStream the console handler writes to, whose lock keeps lines whole. */
    volatile OutputStream sink = System.out;

    private ScheduledExecutorService writer;
    private volatile boolean closed;
    /** The second last formatted and its text, in one field so no thread pairs one second's text with another's. */
    private volatile Second second = new Second(-1, "");

    private record Second(long epochSecond, String prefix) {
    }

    void init(@Observes Router router) {
        if (!config.accessLog().enabled()) {
            return;
        }
        writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "access-log");
            thread.setDaemon(true);
            return thread;
        });
        writer.scheduleWithFixedDelay(this::flush, 100, 100, TimeUnit.MILLISECONDS);
        router.route().order(Integer.MIN_VALUE).handler(this::observe);
    }

    void close(@Observes ShutdownEvent event) {
        if (writer != null) {
            closed = true; // requests still ending are written as they end
            writer.shutdown();
            flush();
        }
    }

    private void observe(RoutingContext rc) {
        if (!rc.normalizedPath().startsWith("/q/health")) {
            long start = System.nanoTime();
            SpanContext span = Span.current().getSpanContext();
            rc.addEndHandler(ended -> record(rc, start, span));
        }
        rc.next();
    }

    private void record(RoutingContext rc, long start, SpanContext span) {
        HttpServerRequest request = rc.request();
        String client = request.remoteAddress() == null ? "-" : request.remoteAddress().hostAddress();
        String line = line(System.currentTimeMillis(), client, request.method().name(), request.uri(),
                version(request), rc.response().getStatusCode(),
                rc.response().bytesWritten(), (System.nanoTime() - start) / 1_000_000, rc.get(CorrelationIds.MDC_KEY),
                span.isValid() ? span.getTraceId() : null, span.isSampled());
        if (pendingCount.incrementAndGet() > MAX_PENDING) {
            pendingCount.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        pending.add(line);
        if (closed) {
            flush();
        }
    }

    private static String version(HttpServerRequest request) {
        return request.version() == null ? "-" : switch (request.version()) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_1_1 -> "HTTP/1.1";
            case HTTP_2 -> "HTTP/2";
        };
    }

    String line(long epochMillis, String client, String method, String uri, String version, int status, long bytes,
            long millis, String correlationId, String traceId, boolean sampled) {
        StringBuilder out = new StringBuilder(256);
        String message = client + " \"" + method + " " + uri + " " + version + "\" " + status + " " + bytes + " "
                + millis + " ms correlationId=" + correlationId;
        if (!json) {
            return out.append(TEXT_TIME.format(Instant.ofEpochMilli(epochMillis))).append(" INFO  [").append(LOGGER_NAME).append("] ")
                    .append(message).append('\n').toString();
        }
        out.append("{\"timestamp\":\"").append(timestamp(epochMillis)).append("\",\"level\":\"INFO\",\"loggerName\":\"")
                .append(LOGGER_NAME).append("\",\"message\":");
        quoted(out, message).append(",\"method\":");
        quoted(out, method).append(",\"uri\":");
        quoted(out, uri).append(",\"status\":").append(status).append(",\"bytes\":").append(bytes)
                .append(",\"durationMs\":").append(millis).append(",\"client\":");
        quoted(out, client);
        if (correlationId != null) {
            quoted(out.append(",\"correlationId\":"), correlationId);
        }
        if (traceId != null) { // unsampled traces are not exported, but the services log under the same id
            quoted(out.append(",\"traceId\":"), traceId).append(",\"sampled\":").append(sampled);
        }
        return out.append("}\n").toString();
    }

    /** ISO-8601 in UTC with milliseconds; the date and time up to the second are formatted once a second. */
    private String timestamp(long epochMillis) {
        long s = Math.floorDiv(epochMillis, 1000);
        Second current = second;
        if (current.epochSecond() != s) {
            String text = Instant.ofEpochSecond(s).toString(); // 2026-12-03T09:00:00Z
            current = new Second(s, text.substring(0, text.length() - 1) + ".");
            second = current;
        }
        String prefix = current.prefix();
        int ms = (int) Math.floorMod(epochMillis, 1000);
        return prefix + (ms < 10 ? "00" : ms < 100 ? "0" : "") + ms + "Z";
    }

    private static StringBuilder quoted(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /** Writes the lines waiting, in as few writes as their size allows. */
    synchronized void flush() {
        try {
            String line;
            while ((line = pending.poll()) != null) {
                pendingCount.decrementAndGet();
                batch.writeBytes(line.getBytes(StandardCharsets.UTF_8));
                if (batch.size() >= 60 * 1024) {
                    write();
                }
            }
            write();
            long lost = dropped.getAndSet(0);
            if (lost > 0) {
                LOG.warnf("access log: %d lines dropped, more than %d were waiting to be written", lost, MAX_PENDING);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("access log: writing failed: %s", e.toString());
        }
    }

    private void write() throws IOException {
        if (batch.size() == 0) {
            return;
        }
        OutputStream out = sink;
        if (out instanceof PrintStream print) {
            print.write(batch.toByteArray(), 0, batch.size()); // PrintStream does not throw; its lock keeps the batch whole
            print.flush();
        } else {
            batch.writeTo(out);
            out.flush();
        }
        batch.reset();
    }
}
