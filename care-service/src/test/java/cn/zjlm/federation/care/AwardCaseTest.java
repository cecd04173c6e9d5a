package cn.zjlm.federation.care;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.local.EventContracts;
import cn.zjlm.federation.local.TestInfrastructure;
import cn.zjlm.federation.local.TestTokens;
import cn.zjlm.federation.local.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AwardCaseTest {
    private static final String SX = TestTokens.token("sx-staff", "330600", "city-staff");
    private static final String SX_FINANCE = TestTokens.token("sx-finance", "330600", "finance");
    private static final String HU = TestTokens.token("hu-staff", "330500", "city-staff");

    static String conferral(String nominationId, String name, String award, String association) {
        byte[] index = new byte[32];
        new java.util.Random(nominationId.hashCode()).nextBytes(index);
        return """
                {"specversion":"1.0","id":"%s","source":"/honors-service","type":"HonorConferred","subject":"%s",
                 "time":"%s","datacontenttype":"application/json",
                 "dataschema":"https://federation.zjlm.cn/events/HonorConferred.schema.json","association":"%s",
                 "data":{"conferralId":"%s","nominationId":"%s","campaignId":"%s","honourType":"SX-CRAFTSMAN",
                   "category":"CRAFTSMAN","level":"CITY","title":"绍兴工匠","conferringBody":"绍兴市总工会","year":2026,
                   "certificateNumber":"SX-CRAFTSMAN-2026-0007","nationalTreatment":false,"awardAmount":%s,
                   "associationCode":"%s","nominee":{"memberId":"%s","nationalIdIndex":"%s","nationalIdCipher":null,
                     "name":"%s","gender":"MALE","birthDate":"1979-03-03","phoneCipher":null,"employer":"绍兴纺机集团",
                     "employerCreditCode":null,"sector":"FRONTLINE_WORKER","occupation":"数控机床操作"}}}"""
                .formatted(UUID.randomUUID(), nominationId, Instant.now(), association, UUID.randomUUID(),
                        nominationId, UUID.randomUUID(), award == null ? "null" : "\"" + award + "\"", association,
                        UUID.randomUUID(), HexFormat.of().formatHex(index), name);
    }

    /** Sends on the partition of {@code key}: events on one key are consumed in order. */
    static void send(String key, String event) {
        assertThat(EventContracts.violations(event)).as("HonorConferred contract").isEmpty();
        TopicReader.send(TestInfrastructure.kafka().bootstrapServers(), EventTopics.HONORS, key, event);
    }

    @Test
    void aConferredCraftsmanAwardOpensOneCaseEvenWhenDeliveredTwice() {
        String nomination = UUID.randomUUID().toString();
        String event = conferral(nomination, "王建峰", "10000.00", "330602");
        send(nomination, event);
        send(nomination, event);
        // a later event on the same partition: once it shows, the duplicate before it was consumed too
        String marker = UUID.randomUUID().toString();
        send(nomination, conferral(marker, "陈丽娟", "10000.00", "330603"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(SX)
                .get("/api/v1/care/cases?programme=CRAFTSMAN_AWARD&size=200").then().statusCode(200)
                .body("items.period", hasItem("conferral:" + marker)));
        given().auth().oauth2(SX_FINANCE).get("/api/v1/care/cases?programme=CRAFTSMAN_AWARD&size=200").then()
                .body("items.findAll { it.period == 'conferral:" + nomination + "' }.size()", equalTo(1))
                .body("items.find { it.period == 'conferral:" + nomination + "' }.amount", equalTo(10000.00f))
                .body("items.find { it.period == 'conferral:" + nomination + "' }.state", equalTo("PENDING_APPROVAL"))
                .body("items.find { it.period == 'conferral:" + nomination + "' }.explanation.inputs.certificateNumber",
                        equalTo("SX-CRAFTSMAN-2026-0007"));
        given().auth().oauth2(HU).get("/api/v1/care/cases?size=200").then().statusCode(200)
                .body("items.period", not(hasItem("conferral:" + nomination)));
    }

    @Test
    void anAwardFallsWithItsTitleAlsoForAWinnerWhoWasNotYetAMember() {
        var m = CareFixtures.member("330602", "新晋工匠");
        String nomination = UUID.randomUUID().toString();
        // conferred on someone member-service registers only afterwards: the case has no member id
        String event = conferral(nomination, m.name(), "10000.00", "330602")
                .replaceFirst("\"memberId\":\"[^\"]*\"", "\"memberId\":null")
                .replaceFirst("\"nationalIdIndex\":\"[^\"]*\"", "\"nationalIdIndex\":\"" + m.index() + "\"");
        send(nomination, event);
        String period = "conferral:" + nomination;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(SX)
                .get("/api/v1/care/cases?programme=CRAFTSMAN_AWARD&size=200").then()
                .body("items.find { it.period == '" + period + "' }.state", equalTo("PENDING_APPROVAL")));
        var title = new cn.zjlm.federation.local.MemberEvents.Honour("CRAFTSMAN", "CITY", "绍兴工匠", 2026, false, null);
        CareFixtures.registered(m, title);
        var revoked = new cn.zjlm.federation.local.MemberEvents.Honour("CRAFTSMAN", "CITY", "绍兴工匠", 2026, false,
                "2026-11-25");
        CareFixtures.send(m, CareFixtures.event("MemberUpdated", m, 1, "IN_SERVICE", null, List.of(revoked)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(SX)
                .get("/api/v1/care/cases?programme=CRAFTSMAN_AWARD&size=200").then()
                .body("items.find { it.period == '" + period + "' }.state", equalTo("HELD"))
                .body("items.find { it.period == '" + period + "' }.decisionReason", containsString("撤销")));
    }

    @Test
    void aConferralWithoutAwardOpensNoCase() {
        String nomination = UUID.randomUUID().toString();
        send(nomination, conferral(nomination, "赵一鸣", null, "330602"));
        String marker = UUID.randomUUID().toString();
        send(nomination, conferral(marker, "钱多多", "5000.00", "330602"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(SX)
                .get("/api/v1/care/cases?size=200").then().body("items.period", hasItem("conferral:" + marker)));
        given().auth().oauth2(SX).get("/api/v1/care/cases?size=200").then()
                .body("items.period", not(hasItem("conferral:" + nomination)));
    }

    @Test
    void aConferralWithoutItsNomineesIndexIsParkedNotMadeAPayableCaseOfNobody() {
        String nomination = UUID.randomUUID().toString();
        String broken = conferral(nomination, "无名", "8000.00", "330602").replaceFirst("\"nationalIdIndex\":\"[0-9a-f]+\"",
                "\"nationalIdIndex\":\"\"");
        // sent as a faulty producer would, past the contract check
        TopicReader.send(TestInfrastructure.kafka().bootstrapServers(), EventTopics.HONORS, nomination, broken);
        String marker = UUID.randomUUID().toString();
        send(nomination, conferral(marker, "孙有据", "8000.00", "330602"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(SX)
                .get("/api/v1/care/cases?size=200").then().body("items.period", hasItem("conferral:" + marker)));
        given().auth().oauth2(SX).get("/api/v1/care/cases?size=200").then()
                .body("items.period", not(hasItem("conferral:" + nomination)));
    }
}
