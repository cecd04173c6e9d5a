package cn.zjlm.federation.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * The local platform's trace backend: receives OTLP/HTTP (protobuf) from the services and the gateway,
 * keeps the latest spans in memory, appends every span to a JSON-lines file and lists one trace at
 * {@code GET /traces/<trace id>}. A cluster sends the same data to a real OpenTelemetry Collector.
 */
public final class LocalTraceCollector implements AutoCloseable {
    private static final int KEPT = 200_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One received span, flattened: ids in hex, kind without its SPAN_KIND_ prefix. */
    public record CollectedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
            String kind, String start, long startNanos, long durationMicros, Map<String, String> attributes) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Writer file;
    private final Deque<CollectedSpan> spans = new ArrayDeque<>();
    /** Span ids kept: an exporter that retries after a dropped connection sends a batch twice. */
    private final Set<String> keys = new HashSet<>();

    private LocalTraceCollector(HttpServer server, ExecutorService executor, Writer file) {
        this.server = server;
        this.executor = executor;
        this.file = file;
    }

    public static LocalTraceCollector start(int port, Path spansFile) {
        try {
            Files.createDirectories(spansFile.getParent());
            Writer file = Files.newBufferedWriter(spansFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
            ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "trace-collector");
                t.setDaemon(true);
                return t;
            });
            LocalTraceCollector collector = new LocalTraceCollector(server, executor, file);
            server.createContext("/", collector::handle);
            server.setExecutor(executor);
            server.start();
            return collector;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the trace collector on port " + port, e);
        }
    }

    /** The OTLP/HTTP endpoint the exporters are given. */
    public String endpoint() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** The spans of one trace received so far, in start order. */
    public synchronized List<CollectedSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId))
                .sorted(Comparator.comparingLong(CollectedSpan::startNanos)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/v1/traces")) {
                receive(exchange);
            } else if ("GET".equals(exchange.getRequestMethod()) && path.startsWith("/traces/")) {
                byte[] body = JSON.writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(trace(path.substring("/traces/".length())));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        ExportTraceServiceRequest request;
        try (InputStream raw = exchange.getRequestBody();
                InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        ? new GZIPInputStream(raw) : raw) {
            request = ExportTraceServiceRequest.parseFrom(in);
        } catch (IOException e) {
            exchange.sendResponseHeaders(400, -1);
            return;
        }
        List<CollectedSpan> received = new ArrayList<>();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = attributes(resource.getResource().getAttributesList()).getOrDefault("service.name", "?");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    received.add(new CollectedSpan(service, hex(span.getTraceId()), hex(span.getSpanId()),
                            hex(span.getParentSpanId()), span.getName(), span.getKind().name().replace("SPAN_KIND_", ""),
                            Instant.EPOCH.plusNanos(span.getStartTimeUnixNano()).toString(), span.getStartTimeUnixNano(),
                            (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1000,
                            attributes(span.getAttributesList())));
                }
            }
        }
        keep(received);
        byte[] body = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
        exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    /** One export request's spans: kept, and written to the file with one flush. */
    private synchronized void keep(List<CollectedSpan> received) throws IOException {
        for (CollectedSpan span : received) {
            if (!keys.add(span.traceId() + span.spanId())) {
                continue;
            }
            if (spans.size() == KEPT) {
                CollectedSpan evicted = spans.removeFirst();
                keys.remove(evicted.traceId() + evicted.spanId());
            }
            spans.addLast(span);
            file.write(JSON.writeValueAsString(span));
            file.write('\n');
        }
        file.flush();
    }

    private static Map<String, String> attributes(List<KeyValue> list) {
        Map<String, String> map = new LinkedHashMap<>();
        for (KeyValue kv : list) {
            AnyValue v = kv.getValue();
            map.put(kv.getKey(), switch (v.getValueCase()) {
                case STRING_VALUE -> v.getStringValue();
                case INT_VALUE -> Long.toString(v.getIntValue());
                case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
                case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
                default -> v.toString().strip();
            });
        }
        return map;
    }

    private static String hex(ByteString bytes) {
        return bytes.isEmpty() ? null : HexFormat.of().formatHex(bytes.toByteArray());
    }

    @Override
    public synchronized void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            file.close();
        } catch (IOException e) {
            // the spans file is a convenience; nothing to do at shutdown
        }
    }
}
