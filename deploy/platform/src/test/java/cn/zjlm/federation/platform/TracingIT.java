package cn.zjlm.federation.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.commons.identity.NationalIdNumber;
import cn.zjlm.federation.local.LocalTraceCollector.CollectedSpan;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One request's trace, exported by every process to the platform's collector: gateway, the service
 * that writes, its outbox relay into Kafka, and each consuming service.
 */
class TracingIT {

    static CollectedSpan only(List<CollectedSpan> trace, String service, String kind, String name) {
        List<CollectedSpan> found = trace.stream().filter(s -> s.service().equals(service) && s.kind().equals(kind)
                && s.name().equals(name)).toList();
        assertThat(found).as(service + " " + kind + " " + name + " in " + trace).hasSize(1);
        return found.get(0);
    }

    @Test
    void aRegistrationIsOneTraceFromTheGatewayThroughKafkaIntoEveryConsumer() {
        String traceresponse = given().baseUri(E2E.gateway()).auth().oauth2(E2E.token("hz-staff"))
                .contentType(ContentType.JSON).body(FirstPathIT.member("蒋慧敏",
                        NationalIdNumber.compose("330106", LocalDate.of(1975, 10, 9), 226), "13957121234", "330106"))
                .post("/api/v1/members").then().statusCode(201).extract().header("traceresponse");
        String traceId = traceresponse.split("-")[1];

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<CollectedSpan> trace = E2E.platform().traces().trace(traceId);
            CollectedSpan edge = only(trace, "gateway", "SERVER", "POST /api/v1/members");
            assertThat(edge.parentSpanId()).isNull();
            assertThat(traceresponse.split("-")[2]).isEqualTo(edge.spanId());
            CollectedSpan forward = only(trace, "gateway", "CLIENT", "POST");
            assertThat(forward.parentSpanId()).isEqualTo(edge.spanId());
            CollectedSpan write = only(trace, "member-service", "SERVER", "POST /api/v1/members");
            assertThat(write.parentSpanId()).isEqualTo(forward.spanId());
            CollectedSpan publish = only(trace, "member-service", "PRODUCER", EventTopics.MEMBER + " publish");
            assertThat(publish.parentSpanId()).isEqualTo(write.spanId());
            for (String consumer : List.of("honors-service", "care-service", "events-service")) {
                CollectedSpan receive = only(trace, consumer, "CONSUMER", EventTopics.MEMBER + " receive");
                assertThat(receive.parentSpanId()).as(consumer).isEqualTo(publish.spanId());
            }
        });
    }
}
