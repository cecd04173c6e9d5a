package cn.zjlm.federation.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zjlm.federation.local.LocalTraceCollector;
import cn.zjlm.federation.local.LocalTraceCollector.CollectedSpan;
import cn.zjlm.federation.local.Ports;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalTraceCollectorTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void keepsEachSpanOnceEvenWhenAnExporterSendsItsBatchAgain() throws Exception {
        Path file = Files.createTempDirectory("traces").resolve("traces.jsonl");
        try (LocalTraceCollector collector = LocalTraceCollector.start(Ports.free(), file)) {
            String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
            Span parent = span(traceId, "00f067aa0ba902b7", null, "POST /api/v1/members", Span.SpanKind.SPAN_KIND_SERVER, 1);
            Span child = span(traceId, "b7ad6b7169203331", "00f067aa0ba902b7", "federation.member.events.v1 publish",
                    Span.SpanKind.SPAN_KIND_PRODUCER, 2);
            byte[] body = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                    .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                            .setValue(AnyValue.newBuilder().setStringValue("member-service"))))
                    .addScopeSpans(ScopeSpans.newBuilder().addSpans(child).addSpans(parent))).build().toByteArray();
            HttpRequest post = HttpRequest.newBuilder(URI.create(collector.endpoint() + "/v1/traces"))
                    .header("Content-Type", "application/x-protobuf").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            assertThat(http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);

            List<CollectedSpan> trace = collector.trace(traceId);
            assertThat(trace).extracting(CollectedSpan::name)
                    .containsExactly("POST /api/v1/members", "federation.member.events.v1 publish");
            assertThat(trace.get(1).parentSpanId()).isEqualTo(trace.get(0).spanId());
            assertThat(trace.get(1).kind()).isEqualTo("PRODUCER");
            assertThat(trace.get(0).service()).isEqualTo("member-service");
            assertThat(trace.get(0).parentSpanId()).isNull();
            String listed = http.send(HttpRequest.newBuilder(URI.create(collector.endpoint() + "/traces/" + traceId))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(listed).contains("federation.member.events.v1 publish");
            assertThat(Files.readAllLines(file)).hasSize(2);
        }
    }

    private static Span span(String traceId, String spanId, String parentId, String name, Span.SpanKind kind,
            long startSecond) {
        Span.Builder span = Span.newBuilder().setTraceId(ByteString.copyFrom(HEX.parseHex(traceId)))
                .setSpanId(ByteString.copyFrom(HEX.parseHex(spanId))).setName(name).setKind(kind)
                .setStartTimeUnixNano(startSecond * 1_000_000_000L).setEndTimeUnixNano(startSecond * 1_000_000_000L + 5000);
        if (parentId != null) {
            span.setParentSpanId(ByteString.copyFrom(HEX.parseHex(parentId)));
        }
        return span.build();
    }
}
