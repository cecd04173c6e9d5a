package cn.zjlm.federation.volunteer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.local.EventContracts;
import cn.zjlm.federation.local.TestInfrastructure;
import cn.zjlm.federation.local.TestTokens;
import cn.zjlm.federation.local.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MemberEventsConsumerTest {
    private static final String HZ = TestTokens.token("hz-staff", "330100", "city-staff");
    private static final String HU = TestTokens.token("hu-staff", "330500", "city-staff");

    static String memberEvent(String eventId, String type, UUID memberId, String association, String name,
            String status, long version) {
        return """
                {"specversion":"1.0","id":"%s","source":"/member-service","type":"%s","subject":"%s",
                 "time":"%s","datacontenttype":"application/json",
                 "dataschema":"https://federation.zjlm.cn/events/%s.schema.json","association":"%s",
                 "data":{"memberId":"%s","associationCode":"%s","name":"%s","gender":"FEMALE",
                         "birthDate":"1958-11-02","status":"%s","deceasedOn":null,"sector":"FARMER",
                         "nationalIdIndex":"%s","highestHonourLevel":null,"honours":[],"version":%d}}"""
                .formatted(eventId, type, memberId, Instant.now(), type, association, memberId, association, name,
                        status, "ab".repeat(32), version);
    }

    static void send(UUID memberId, String event) {
        assertThat(EventContracts.violations(event)).as("test event honours the contract").isEmpty();
        TopicReader.send(TestInfrastructure.kafka().bootstrapServers(), EventTopics.MEMBER, memberId.toString(), event);
    }

    static int processedCount(String eventId) throws Exception {
        try (Connection c = TestInfrastructure.postgres().connect("events");
                ResultSet rs = c.createStatement().executeQuery(
                        "select count(*) from processed_event where event_id = '" + eventId + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aRegisteredMemberAppearsOnceEvenWhenDeliveredTwice() throws Exception {
        UUID memberId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String event = memberEvent(eventId, "MemberRegistered", memberId, "330109", "沈秀英", "IN_SERVICE", 0);
        send(memberId, event);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(HZ).get("/api/v1/events/volunteers/" + memberId).then().statusCode(200)
                        .body("name", equalTo("沈秀英")).body("canVolunteer", equalTo(true)));

        // Redelivery of the same event, then a later update: the update proves the duplicate was consumed.
        send(memberId, event);
        String update = memberEvent(UUID.randomUUID().toString(), "MemberUpdated", memberId, "330109", "沈秀英",
                "DECEASED", 1);
        send(memberId, update.replace("\"deceasedOn\":null", "\"deceasedOn\":\"2026-10-01\""));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(HZ).get("/api/v1/events/volunteers/" + memberId).then()
                        .body("status", equalTo("DECEASED")).body("canVolunteer", equalTo(false)));
        assertThat(processedCount(eventId)).isEqualTo(1);
    }

    @Test
    void anOlderVersionArrivingLateDoesNotUndoANewerOne() {
        UUID memberId = UUID.randomUUID();
        send(memberId, memberEvent(UUID.randomUUID().toString(), "MemberUpdated", memberId, "330100", "新名字",
                "RETIRED", 5));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(HZ).get("/api/v1/events/volunteers/" + memberId).then().statusCode(200)
                        .body("memberVersion", equalTo(5)));
        send(memberId, memberEvent(UUID.randomUUID().toString(), "MemberRegistered", memberId, "330100", "旧名字",
                "IN_SERVICE", 0));
        String marker = UUID.randomUUID().toString();
        UUID markerMember = UUID.randomUUID();
        send(markerMember, memberEvent(marker, "MemberRegistered", markerMember, "330100", "标记", "IN_SERVICE", 0));
        await().atMost(Duration.ofSeconds(20)).until(() -> processedCount(marker) == 1);
        given().auth().oauth2(HZ).get("/api/v1/events/volunteers/" + memberId).then()
                .body("name", equalTo("新名字")).body("memberVersion", equalTo(5));
    }

    @Test
    void anotherCitysVolunteersAreInvisible() {
        UUID memberId = UUID.randomUUID();
        send(memberId, memberEvent(UUID.randomUUID().toString(), "MemberRegistered", memberId, "330122", "蒋桂兰",
                "IN_SERVICE", 0));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(HZ).get("/api/v1/events/volunteers/" + memberId).then().statusCode(200));
        given().auth().oauth2(HU).get("/api/v1/events/volunteers/" + memberId).then().statusCode(404);
        given().auth().oauth2(HU).get("/api/v1/events/volunteers?size=200").then().statusCode(200)
                .body("items.findAll { it.memberId == '" + memberId + "' }.size()", equalTo(0));
    }

    @Test
    void aPoisonMessageIsParkedWithItsReasonAndConsumptionCarriesOn() throws Exception {
        String bootstrap = TestInfrastructure.kafka().bootstrapServers();
        String poisonKey = "poison-" + UUID.randomUUID();
        TopicReader.send(bootstrap, EventTopics.MEMBER, poisonKey, "{this is not json");
        var parked = TopicReader.await(bootstrap, EventTopics.deadLetter("events-service"),
                r -> poisonKey.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(parked).hasSize(1);
        var reason = parked.get(0).headers().lastHeader("dead-letter-reason");
        assertThat(reason).isNotNull();
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("unreadable event");

        UUID memberId = UUID.randomUUID();
        String after = UUID.randomUUID().toString();
        send(memberId, memberEvent(after, "MemberRegistered", memberId, "330100", "韩梅", "IN_SERVICE", 0));
        await().atMost(Duration.ofSeconds(20)).until(() -> processedCount(after) == 1);
    }
    @Test
    void eventsSentBackToBackAreEachAppliedOnceAndAPoisonMessageAmongThemIsParkedAlone() throws Exception {
        String bootstrap = TestInfrastructure.kafka().bootstrapServers();
        // one key: one partition, so the consumer's polls take them together and in this order
        String key = UUID.randomUUID().toString();
        List<String> eventIds = new ArrayList<>();
        List<UUID> members = new ArrayList<>();
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            UUID memberId = UUID.randomUUID();
            String eventId = UUID.randomUUID().toString();
            String event = memberEvent(eventId, "MemberRegistered", memberId, "330106", "批量" + i, "IN_SERVICE", 0);
            assertThat(EventContracts.violations(event)).isEmpty();
            members.add(memberId);
            eventIds.add(eventId);
            records.add(Map.entry(key, event));
            if (i == 20) {
                records.add(Map.entry(key, "{\"specversion\":\"1.0\",\"id\":\"not-a-uuid\"}"));
                records.add(Map.entry(key, event)); // and a duplicate delivery
            }
        }
        TopicReader.sendAll(bootstrap, EventTopics.MEMBER, records);

        var parked = TopicReader.await(bootstrap, EventTopics.deadLetter("events-service"),
                r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).value()).contains("not-a-uuid");
        await().atMost(Duration.ofSeconds(20)).until(() -> processedCount(eventIds.get(39)) == 1);
        for (int i = 0; i < eventIds.size(); i++) {
            assertThat(processedCount(eventIds.get(i))).as("event %d", i).isEqualTo(1);
        }
        given().auth().oauth2(HZ).get("/api/v1/events/volunteers/" + members.get(20)).then().statusCode(200)
                .body("name", equalTo("批量20"));
        given().auth().oauth2(HZ).get("/api/v1/events/volunteers/" + members.get(39)).then().statusCode(200)
                .body("name", equalTo("批量39"));

        // deaths of members already held, together: the batch locks their rows first, then applies each
        List<Map.Entry<String, String>> deaths = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String death = memberEvent(UUID.randomUUID().toString(), "MemberDeceased", members.get(i), "330106",
                    "批量" + i, "DECEASED", 1).replace("\"deceasedOn\":null", "\"deceasedOn\":\"2026-11-20\"");
            assertThat(EventContracts.violations(death)).isEmpty();
            deaths.add(Map.entry(key, death));
        }
        TopicReader.sendAll(bootstrap, EventTopics.MEMBER, deaths);
        for (int i = 0; i < 3; i++) {
            UUID member = members.get(i);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(HZ)
                    .get("/api/v1/events/volunteers/" + member).then().body("status", equalTo("DECEASED"))
                    .body("canVolunteer", equalTo(false)));
        }
    }
}
