package cn.zjlm.federation.honors;

import cn.zjlm.federation.commons.time.ChinaTime;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.commons.identity.NationalIdNumber;
import cn.zjlm.federation.honors.domain.NomineeMember;
import cn.zjlm.federation.local.EventContracts;
import cn.zjlm.federation.local.TestInfrastructure;
import cn.zjlm.federation.local.TestTokens;
import cn.zjlm.federation.local.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Tokens, campaigns, members (fed as real member events) and nominations for the honors tests. */
final class HonorsFixtures {
    static final String ZJ_ADMIN = TestTokens.token("zj-admin", "330000", "province-admin");
    static final String ZJ_REVIEWER = TestTokens.token("zj-reviewer", "330000", "reviewer");
    static final String HZ_ADMIN = TestTokens.token("hz-admin", "330100", "city-admin");
    static final String HZ_STAFF = TestTokens.token("hz-staff", "330100", "city-staff");
    static final String HZ_REVIEWER = TestTokens.token("hz-reviewer", "330100", "city-staff");
    static final String XS_STAFF = TestTokens.token("xs-staff", "330109", "county-staff");
    static final String XS_REVIEWER = TestTokens.token("xs-reviewer", "330109", "county-staff");
    static final String HU_STAFF = TestTokens.token("hu-staff", "330500", "city-staff");
    private static final AtomicInteger SEQUENCE = new AtomicInteger(100);

    private HonorsFixtures() {
    }

    static LocalDate today() {
        return ChinaTime.today();
    }

    static String newId(String area, LocalDate birth) {
        return NationalIdNumber.compose(area, birth, SEQUENCE.incrementAndGet() % 999 + 1);
    }

    /** Opens a campaign organised by the province (or by {@code token}'s association) and returns its id. */
    static String campaign(String token, String honourType, Map<String, Integer> quotas, List<Map<String, Object>> rules,
            LocalDate opens, LocalDate closes) {
        Map<String, Object> body = new HashMap<>();
        body.put("honourType", honourType);
        body.put("year", today().getYear());
        body.put("title", "测试评选 " + UUID.randomUUID());
        body.put("totalPlaces", quotas.values().stream().mapToInt(Integer::intValue).sum() + 5);
        body.put("nominationOpens", opens.toString());
        body.put("nominationCloses", closes.toString());
        List<Map<String, Object>> quotaList = new ArrayList<>();
        quotas.forEach((code, places) -> quotaList.add(Map.of("associationCode", code, "places", places)));
        body.put("quotas", quotaList);
        body.put("rules", rules);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/honors/campaigns").then().statusCode(201).extract().path("id");
    }

    static String openCampaign(Map<String, Integer> quotas, List<Map<String, Object>> rules) {
        return campaign(ZJ_ADMIN, "ZJ-MODEL-WORKER", quotas, rules, today().minusDays(10), today().plusDays(30));
    }

    /** Puts a MemberRegistered event (checked against its contract) on the member topic and waits for the read model. */
    static UUID registeredMember(String name, String association, String status, String sector, String honoursJson) {
        UUID memberId = UUID.randomUUID();
        String nationalId = newId(association.substring(0, 6), LocalDate.of(1975, 6, 1));
        String event = """
                {"specversion":"1.0","id":"%s","source":"/member-service","type":"MemberRegistered","subject":"%s",
                 "time":"%s","datacontenttype":"application/json",
                 "dataschema":"https://federation.zjlm.cn/events/MemberRegistered.schema.json","association":"%s",
                 "data":{"memberId":"%s","associationCode":"%s","name":"%s","gender":"MALE","birthDate":"1975-06-01",
                   "status":"%s","deceasedOn":null,"sector":"%s","nationalIdIndex":"%s","highestHonourLevel":null,
                   "honours":%s,"version":0}}"""
                .formatted(UUID.randomUUID(), memberId, Instant.now(), association, memberId, association, name,
                        status, sector, sha256Hex(nationalId), honoursJson);
        assertThat(EventContracts.violations(event)).as("MemberRegistered contract").isEmpty();
        TopicReader.send(TestInfrastructure.kafka().bootstrapServers(), EventTopics.MEMBER, memberId.toString(), event);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> NomineeMember.findById(memberId) != null));
        return memberId;
    }

    static UUID registeredMember(String name, String association, String sector) {
        return registeredMember(name, association, "IN_SERVICE", sector, "[]");
    }

    static Map<String, Object> nominationOf(String campaignId, UUID memberId, String association, String sector) {
        return Map.of("campaignId", campaignId, "memberId", memberId.toString(), "associationCode", association,
                "employer", "杭州汽轮动力集团", "sector", sector, "deeds", "三十年扎根一线，主持技术攻关十二项。");
    }

    static String draft(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/honors/nominations").then().statusCode(201).extract().path("id");
    }

    static io.restassured.response.ValidatableResponse submit(String token, String nominationId) {
        return given().auth().oauth2(token).post("/api/v1/honors/nominations/" + nominationId + "/submission").then();
    }

    static io.restassured.response.ValidatableResponse review(String token, String nominationId, String decision) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("decision", decision, "opinion", "材料属实，同意推荐。"))
                .post("/api/v1/honors/nominations/" + nominationId + "/reviews").then();
    }

    /** Lets the notice period pass: a test cannot wait five working days. */
    static void noticeHasEnded(String nominationId) {
        QuarkusTransaction.requiringNew().run(() -> cn.zjlm.federation.honors.domain.Nomination.getEntityManager()
                .createNativeQuery("update nomination set notice_starts = notice_starts - 10, notice_ends = current_date - 1 "
                        + "where id = cast(?1 as uuid)").setParameter(1, nominationId).executeUpdate());
    }

    private static String sha256Hex(String value) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
