package cn.zjlm.federation.member;

import static cn.zjlm.federation.member.MemberApiTest.member;
import static cn.zjlm.federation.member.MemberApiTest.newId;
import static cn.zjlm.federation.member.MemberApiTest.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.commons.identity.NationalIdNumber;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.local.EventContracts;
import cn.zjlm.federation.local.TestInfrastructure;
import cn.zjlm.federation.local.TestTokens;
import cn.zjlm.federation.local.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HonorConferredConsumerTest {
    private static final String HZ = TestTokens.token("hz-staff", "330100", "city-staff");

    @Inject
    PiiCipher cipher;

    static String conferral(PiiCipher cipher, String nationalId, String name, String association, String title, String level, int year) {
        String nomination = UUID.randomUUID().toString();
        return """
                {"specversion":"1.0","id":"%s","source":"/honors-service","type":"HonorConferred","subject":"%s",
                 "time":"%s","datacontenttype":"application/json",
                 "dataschema":"https://federation.zjlm.cn/events/HonorConferred.schema.json","association":"%s",
                 "data":{"conferralId":"%s","nominationId":"%s","campaignId":null,"honourType":"ZJ-MODEL-WORKER",
                   "category":"MODEL_WORKER","level":"%s","title":"%s","conferringBody":"浙江省人民政府","year":%d,
                   "certificateNumber":"ZJ-%d-0451","nationalTreatment":false,"awardAmount":null,"associationCode":"%s",
                   "nominee":{"memberId":null,"nationalIdIndex":"%s","nationalIdCipher":"%s","name":"%s",
                     "gender":"%s","birthDate":"%s","phoneCipher":null,"employer":"湖州南太湖电力","employerCreditCode":null,
                     "sector":"FRONTLINE_WORKER","occupation":"变电运维"}}}"""
                .formatted(UUID.randomUUID(), nomination, Instant.now(), association, UUID.randomUUID(), nomination,
                        level, title, year, year, association, cipher.blindIndex(nationalId), cipher.encrypt(nationalId),
                        name, NationalIdNumber.isMale(nationalId) ? "MALE" : "FEMALE",
                        NationalIdNumber.birthDateOf(nationalId).orElseThrow());
    }

    void send(String event) {
        assertThat(EventContracts.violations(event)).as("contract").isEmpty();
        TopicReader.send(TestInfrastructure.kafka().bootstrapServers(), EventTopics.HONORS,
                event.replaceAll("(?s).*\"subject\":\"([^\"]+)\".*", "$1"), event);
    }

    @Test
    void aConferralAddsTheHonourToTheRegisteredMemberOnceEvenWhenDeliveredTwice() {
        String nationalId = newId(LocalDate.of(1972, 2, 2));
        String id = register(HZ, member("柯文华", nationalId, "330100"));
        String event = conferral(cipher, nationalId, "柯文华", "330100", "浙江省劳动模范", "PROVINCIAL", 2025);
        send(event);
        send(event);
        send(conferral(cipher, nationalId, "柯文华", "330100", "浙江省劳动模范", "PROVINCIAL", 2025));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(HZ).get("/api/v1/members/" + id).then()
                        .body("highestHonourLevel", equalTo("PROVINCIAL")).body("honours.size()", equalTo(1)));
        // A later conferral for the same person proves the earlier deliveries were consumed.
        send(conferral(cipher, nationalId, "柯文华", "330100", "全国劳动模范", "NATIONAL", 2026));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(HZ).get("/api/v1/members/" + id).then()
                        .body("highestHonourLevel", equalTo("NATIONAL")).body("honours.size()", equalTo(2)));
    }

    @Test
    void aNomineeWhoIsNotRegisteredYetIsRegisteredWithTheHonour() {
        String nationalId = NationalIdNumber.compose("330502", LocalDate.of(1981, 11, 11), 418);
        send(conferral(cipher, nationalId, "闵晓军", "330502", "浙江省劳动模范", "PROVINCIAL", 2025));
        String huzhou = TestTokens.token("hu-staff", "330500", "city-staff");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(huzhou).contentType(ContentType.JSON).body(Map.of("nationalId", nationalId))
                        .post("/api/v1/members/lookup").then().statusCode(200)
                        .body("name", equalTo("闵晓军")).body("associationCode", equalTo("330502"))
                        .body("honours[0].title", equalTo("浙江省劳动模范")));
    }

    @Test
    void aConferralWhoseIdNumberDoesNotMatchItsIndexIsParked() {
        String nationalId = NationalIdNumber.compose("330502", LocalDate.of(1979, 9, 9), 420);
        String other = NationalIdNumber.compose("330502", LocalDate.of(1979, 9, 9), 422);
        String forged = conferral(cipher, nationalId, "错配", "330502", "浙江省劳动模范", "PROVINCIAL", 2025)
                .replace(cipher.blindIndex(nationalId), cipher.blindIndex(other));
        String subject = forged.replaceAll("(?s).*\"subject\":\"([^\"]+)\".*", "$1");
        send(forged);
        var parked = TopicReader.await(TestInfrastructure.kafka().bootstrapServers(),
                EventTopics.deadLetter("member-service"), r -> subject.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(parked).hasSize(1);
    }
}
