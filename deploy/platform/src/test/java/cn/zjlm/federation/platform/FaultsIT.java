package cn.zjlm.federation.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.commons.identity.NationalIdNumber;
import cn.zjlm.federation.local.TopicReader;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Faults injected into the real platform: the broker killed in the middle of a stream, PostgreSQL restarted
 * under load, a consumer service stopped while events keep coming, a poison message. Nothing may be lost,
 * nothing applied twice, and callers get a clear answer meanwhile. Each test leaves the platform whole.
 */
class FaultsIT {
    private static final AtomicInteger SEQUENCE = new AtomicInteger(300);
    /** Each consumer's read model of members, by database. */
    private static final Map<String, String> READ_MODELS = Map.of("events", "volunteer_member", "care", "care_member",
            "honors", "nominee_member");

    private static String register(String name) {
        String id = NationalIdNumber.compose("330109", LocalDate.of(1972, 7, 7), SEQUENCE.getAndIncrement());
        return FirstPathIT.create("xs-staff", FirstPathIT.member(name, id, "13700000000", "330109"));
    }

    private static long count(String database, String sql, List<String> ids) throws Exception {
        try (Connection c = E2E.platform().postgres().connect(database); PreparedStatement s = c.prepareStatement(sql)) {
            Array array = c.createArrayOf("uuid", ids.toArray());
            s.setArray(1, array);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Every consumer has applied the registration of each member once: its read model row and one inbox entry.
     * Returns the inbox entries found for these events over all consumers.
     */
    private static long everyConsumerAppliedEachOnce(List<String> ids, Duration within) throws Exception {
        List<String> events = new ArrayList<>();
        try (Connection c = E2E.platform().postgres().connect("member"); PreparedStatement s = c.prepareStatement(
                "select event_id::text from outbox_event where event_type = 'MemberRegistered' and record_key = any(?)")) {
            s.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(rs.getString(1));
                }
            }
        }
        assertThat(events).as("one MemberRegistered per member in the outbox").hasSize(ids.size());
        long applied = 0;
        for (var model : READ_MODELS.entrySet()) {
            await().atMost(within).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(count(model.getKey(),
                    "select count(*) from " + model.getValue() + " where member_id = any(?)", ids))
                    .as(model.getValue() + " rows").isEqualTo(ids.size()));
            long entries = count(model.getKey(), "select count(*) from processed_event where event_id = any(?)", events);
            assertThat(entries).as("events " + model.getKey() + "-service applied").isEqualTo(ids.size());
            applied += entries;
        }
        return applied;
    }

    @Test
    void aBrokerKilledInTheMiddleOfAStreamLosesNothingAndDoublesNothing() throws Exception {
        Platform platform = E2E.platform();
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                if (i == 10) {
                    platform.kafka().stop();
                }
                if (i == 20) {
                    platform.kafka().restart();
                }
                ids.add(register("断网测试" + i));
            }
        } finally {
            if (!platform.kafka().isRunning()) {
                platform.kafka().restart(); // whatever happened, the broker is back for the next test
            }
        }
        long applied = everyConsumerAppliedEachOnce(ids, Duration.ofSeconds(120));
        long expected = (long) ids.size() * READ_MODELS.size();
        Set<String> keys = Set.copyOf(ids);
        int delivered = TopicReader.await(platform.kafka().bootstrapServers(), EventTopics.MEMBER,
                r -> keys.contains(r.key()), Integer.MAX_VALUE, Duration.ofSeconds(5)).size();
        assertThat(delivered).as("records on the topic for these members").isGreaterThanOrEqualTo(ids.size());
        SecurityReport.section("Fault: Kafka broker stopped in the middle of a stream", """
                - registrations: %d (10 before the broker stopped, 10 while it was down, 10 after its restart)
                - events lost: %d (each of the %d consumers holds every member)
                - records on the topic: %d (redelivered: %d); effects applied: %d of %d, duplicated: %d
                """.formatted(ids.size(), expected - Math.min(applied, expected), READ_MODELS.size(), delivered,
                delivered - ids.size(), applied, expected, Math.max(0, applied - expected)));
    }

    @Test
    void whilePostgresRestartsCallersGet503ProblemsAndNoCommittedWriteIsLost() throws Exception {
        Platform platform = E2E.platform();
        List<String> committed = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String token = E2E.token("xs-staff");
        Thread load = new Thread(() -> {
            int n = 0;
            while (running.get()) {
                String nationalId = NationalIdNumber.compose("330109", LocalDate.of(1973, 3, 3).plusDays(n / 1000), n++);
                String body = "{\"name\":\"重启测试\",\"gender\":\"FEMALE\",\"nationalId\":\"" + nationalId + "\",\"phone\":\"13700000001\","
                        + "\"associationCode\":\"330109\",\"sector\":\"FRONTLINE_WORKER\",\"employer\":\"萧山测试厂\"}";
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(E2E.gateway() + "/api/v1/members"))
                            .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    answers.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                    if (response.statusCode() == 201) {
                        committed.add(nationalId);
                    } else if (response.statusCode() != 503 || !response.body().contains("\"database-unavailable\"")
                            || response.headers().firstValue("Retry-After").isEmpty()
                            || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                        wrong.add(response.statusCode() + " " + response.headers().map() + " " + response.body());
                    }
                    Thread.sleep(50);
                } catch (Exception e) {
                    wrong.add("no answer: " + e);
                }
            }
        }, "registrations-under-restart");
        load.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> committed.size() >= 5);
            platform.postgres().stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> answers.getOrDefault(503, new AtomicInteger()).get() >= 3);
            ServiceProcess members = platform.service(PlatformSettings.MEMBER);
            int readiness = http.send(HttpRequest.newBuilder(URI.create(members.url() + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            assertThat(readiness).as("member-service is not ready without its database").isEqualTo(503);
        } finally {
            platform.postgres().restart();
        }
        for (String app : List.of(PlatformSettings.MEMBER, PlatformSettings.HONORS, PlatformSettings.CARE, PlatformSettings.EVENTS)) {
            platform.service(app).awaitReady(Duration.ofSeconds(90));
        }
        // Keycloak shares the local server: the next tests need tokens from it again.
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> platform.keycloak().passwordToken("xs-staff", "demo") != null);
        int before = committed.size();
        await().atMost(Duration.ofSeconds(60)).until(() -> committed.size() >= before + 5);
        running.set(false);
        load.join(30_000);

        assertThat(wrong).as("answers other than 201, or 503 problem+json, while the database restarted").isEmpty();
        long found;
        try (Connection c = platform.postgres().connect("member"); PreparedStatement s = c.prepareStatement(
                "select count(*) from member where national_id_index = any(?)")) {
            s.setArray(1, c.createArrayOf("text", committed.stream().map(id -> platform.piiCipher().blindIndex(id)).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                found = rs.getLong(1);
            }
        }
        assertThat(found).as("every registration answered 201 is in the registry").isEqualTo(committed.size());
        SecurityReport.section("Fault: PostgreSQL restarted under load", """
                - registrations answered 201: %d, all of them in the registry afterwards (lost: 0)
                - answers meanwhile: %s (every refusal a 503 database-unavailable problem with Retry-After)
                - member-service readiness without its database: 503; all services ready again after the restart
                """.formatted(committed.size(), new java.util.TreeMap<>(answers)));
    }

    @Test
    void aConsumerServiceStoppedWhileEventsKeepComingCatchesUp() throws Exception {
        ServiceProcess care = E2E.platform().service(PlatformSettings.CARE);
        List<String> ids = new ArrayList<>();
        care.stop();
        try {
            for (int i = 0; i < 10; i++) {
                ids.add(register("停机追赶" + i));
            }
            assertThat(count("care", "select count(*) from care_member where member_id = any(?)", ids)).isZero();
        } finally {
            care.start();
            care.awaitReady(Duration.ofSeconds(90));
        }
        assertThat(care.classDataArchive()).as("class data archived when care-service stopped").isRegularFile();
        assertThat(ProcessHandle.of(care.pid()).orElseThrow().info().arguments().orElseThrow())
                .as("the restart maps that archive").contains("-XX:SharedArchiveFile=" + care.classDataArchive());
        Path maps = Path.of("/proc", String.valueOf(care.pid()), "maps");
        if (Files.exists(maps)) { // Linux: the JVM accepted the archive (it maps nothing it rejects)
            assertThat(Files.readString(maps)).contains(care.classDataArchive().toString());
        }
        everyConsumerAppliedEachOnce(ids, Duration.ofSeconds(60));
        SecurityReport.section("Fault: care-service stopped while members were registered", """
                - registrations while it was down: %d; after its restart it holds all of them, each applied once
                """.formatted(ids.size()));
    }

    @Test
    void aPoisonMessageGoesToEachConsumersDeadLetterTopicWithItsReasonAndConsumptionCarriesOn() throws Exception {
        String bootstrap = E2E.platform().kafka().bootstrapServers();
        String nationalId = NationalIdNumber.compose("330109", LocalDate.of(1974, 4, 4), SEQUENCE.getAndIncrement());
        Map<String, Object> registration = new java.util.HashMap<>(FirstPathIT.member("毒消息之前", nationalId, "13700000002", "330109"));
        String member = FirstPathIT.create("xs-staff", registration);
        everyConsumerAppliedEachOnce(List.of(member), Duration.ofSeconds(60));
        // The poison carries the member's key, so it sits on the member's partition, ahead of the member's next event.
        TopicReader.send(bootstrap, EventTopics.MEMBER, member, "{this is not an event");
        registration.put("name", "毒消息之后");
        registration.put("status", "IN_SERVICE");
        given().baseUri(E2E.gateway()).auth().oauth2(E2E.token("xs-staff")).contentType(ContentType.JSON)
                .header("If-Match", "\"0\"").body(registration).put("/api/v1/members/" + member).then().statusCode(200);
        Map<String, String> deadLetters = Map.of("events", EventTopics.deadLetter("events-service"),
                "care", EventTopics.deadLetter("care-service"), "honors", EventTopics.deadLetter("honors-service"));
        for (var topic : deadLetters.entrySet()) {
            var parked = TopicReader.await(bootstrap, topic.getValue(),
                    r -> member.equals(r.key()) && r.value().startsWith("{this"), 1, Duration.ofSeconds(60));
            assertThat(parked).as(topic.getValue()).hasSize(1);
            assertThat(new String(parked.get(0).headers().lastHeader("dead-letter-reason").value()))
                    .as("reason on " + topic.getValue()).isNotBlank();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(count(topic.getKey(), "select count(*) from "
                    + READ_MODELS.get(topic.getKey()) + " where name = '毒消息之后' and member_id = any(?)", List.of(member)))
                    .as("the update behind the poison, in " + topic.getKey()).isEqualTo(1));
        }
        SecurityReport.section("Fault: a poison message on the member topic", """
                - parked with its reason on %d dead-letter topics; the member's next event, on the same partition behind it,
                  was applied by every consumer
                """.formatted(deadLetters.size()));
    }
}
