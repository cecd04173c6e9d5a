package cn.zjlm.federation.member;

import static cn.zjlm.federation.member.MemberApiTest.member;
import static cn.zjlm.federation.member.MemberApiTest.newId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.commons.identity.NationalIdNumber;
import cn.zjlm.federation.commons.outbox.OutboxEvent;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.local.TestInfrastructure;
import cn.zjlm.federation.local.TestTokens;
import cn.zjlm.federation.local.TopicReader;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A request's trace continues through the outbox into Kafka, and a consumed event's trace into the handler. */
@QuarkusTest
class TracingTest {
    private static final String HZ = TestTokens.token("hz-staff", "330100", "city-staff");

    @Inject
    InMemorySpanExporter spans;

    @Inject
    PiiCipher cipher;

    static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String traceIdOf(String traceparent) {
        return traceparent.split("-")[1];
    }

    static String parentIdOf(String traceparent) {
        return traceparent.split("-")[2];
    }

    List<SpanData> spansOf(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    /** The one span of this kind and name (an AssertionError, so awaitility retries, while it is not exported yet). */
    static SpanData only(List<SpanData> trace, SpanKind kind, String name) {
        List<SpanData> found = trace.stream().filter(s -> s.getKind() == kind && s.getName().equals(name)).toList();
        assertThat(found).as(kind + " " + name + " in " + trace.stream().map(SpanData::getName).toList()).hasSize(1);
        return found.get(0);
    }

    @Test
    void aRegistrationsTraceContinuesThroughTheOutboxIntoTheKafkaRecord() {
        String traceId = randomHex(16);
        String callerSpan = randomHex(8);
        String id = given().auth().oauth2(HZ).header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .contentType(ContentType.JSON).body(member("庞卫东", newId(LocalDate.of(1970, 3, 3)), "330100"))
                .post("/api/v1/members").then().statusCode(201).extract().path("id");

        String stored = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>find(
                "recordKey = ?1 and eventType = 'MemberRegistered'", id).firstResult().traceparent);
        assertThat(traceIdOf(stored)).isEqualTo(traceId);

        ConsumerRecord<String, String> record = TopicReader.await(TestInfrastructure.kafka().bootstrapServers(),
                EventTopics.MEMBER, r -> id.equals(r.key()), 1, Duration.ofSeconds(30)).get(0);
        String header = new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
        assertThat(traceIdOf(header)).isEqualTo(traceId);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<SpanData> trace = spansOf(traceId);
            SpanData server = only(trace, SpanKind.SERVER, "POST /api/v1/members");
            assertThat(server.getParentSpanId()).isEqualTo(callerSpan);
            SpanData publish = only(trace, SpanKind.PRODUCER, EventTopics.MEMBER + " publish");
            // The record carries the publish span, which hangs under the request that wrote the event.
            assertThat(parentIdOf(header)).isEqualTo(publish.getSpanId());
            assertThat(parentIdOf(stored)).isEqualTo(server.getSpanId()).isNotEqualTo(callerSpan);
            assertThat(publish.getAttributes().asMap().toString()).contains("messaging.destination.name=" + EventTopics.MEMBER);
        });
    }

    @Test
    void aConsumedEventsTraceReachesTheHandlerAndTheEventsItPublishes() {
        String traceId = randomHex(16);
        String producerSpan = randomHex(8);
        String nationalId = NationalIdNumber.compose("330502", LocalDate.of(1977, 7, 7), 432);
        String event = HonorConferredConsumerTest.conferral(cipher, nationalId, "童建平", "330502", "浙江省劳动模范", "PROVINCIAL", 2025);
        String subject = event.replaceAll("(?s).*\"subject\":\"([^\"]+)\".*", "$1");
        TopicReader.send(TestInfrastructure.kafka().bootstrapServers(), EventTopics.HONORS, subject, event,
                Map.of("traceparent", "00-" + traceId + "-" + producerSpan + "-01"));

        // The nominee was not registered: the handler registers them, and that event continues the same trace.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> stored = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>find(
                    "eventType = 'MemberRegistered' and traceparent like ?1", "00-" + traceId + "-%").list()
                    .stream().map(e -> e.traceparent).toList());
            assertThat(stored).hasSize(1);
            SpanData consume = only(spansOf(traceId), SpanKind.CONSUMER, EventTopics.HONORS + " receive");
            assertThat(consume.getParentSpanId()).isEqualTo(producerSpan);
            assertThat(parentIdOf(stored.get(0))).isEqualTo(consume.getSpanId());
        });
    }
}
