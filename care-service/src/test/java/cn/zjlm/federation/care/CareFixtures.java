package cn.zjlm.federation.care;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zjlm.federation.care.domain.CareMember;
import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.local.EventContracts;
import cn.zjlm.federation.local.TestInfrastructure;
import cn.zjlm.federation.local.TestTokens;
import cn.zjlm.federation.local.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Member events as member-service publishes them, and tokens of the Shaoxing and Huzhou staff. */
final class CareFixtures {
    static final String SX_STAFF = TestTokens.token("sx-staff", "330600", "city-staff");
    static final String SX_ADMIN = TestTokens.token("sx-admin", "330600", "city-admin");
    static final String SX_FINANCE = TestTokens.token("sx-finance", "330600", "finance");
    static final String SX_FINANCE_2 = TestTokens.token("sx-finance-2", "330600", "finance");
    static final String HU_STAFF = TestTokens.token("hu-staff", "330500", "city-staff");

    private CareFixtures() {
    }

    /** A member's honour as member events carry it. */
    record Honour(String category, String level, String title, int year, boolean nationalTreatment, String revokedOn) {
        String json() {
            return """
                    {"honourId":"%s","honourType":null,"category":"%s","level":"%s","title":"%s","year":%d,
                     "nationalTreatment":%s,"revokedOn":%s}""".formatted(UUID.nameUUIDFromBytes(title.getBytes(
                    StandardCharsets.UTF_8)), category, level, title, year, nationalTreatment,
                    revokedOn == null ? "null" : "\"" + revokedOn + "\"");
        }
    }

    static final Honour NATIONAL_MODEL_WORKER = new Honour("MODEL_WORKER", "NATIONAL", "全国劳动模范", 2015, false, null);
    static final Honour PROVINCIAL_MODEL_WORKER = new Honour("MODEL_WORKER", "PROVINCIAL", "浙江省劳动模范", 2018, false,
            null);
    static final Honour CITY_CRAFTSMAN = new Honour("CRAFTSMAN", "CITY", "绍兴工匠", 2022, false, null);

    /** A member known to care-service, with the event state needed to send later versions. */
    record Member(UUID id, String association, String name, String index, UUID account, String birthDate) {
    }

    static Member born(String association, String name, java.time.LocalDate birthDate) {
        return new Member(UUID.randomUUID(), association, name, sha256(UUID.randomUUID().toString()), null,
                birthDate.toString());
    }

    static Member member(String association, String name) {
        return new Member(UUID.randomUUID(), association, name, sha256(UUID.randomUUID().toString()), null,
                "1960-05-01");
    }

    static Member memberWithAccount(String association, String name, String username) {
        return new Member(UUID.randomUUID(), association, name, sha256(UUID.randomUUID().toString()),
                UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)), "1960-05-01");
    }

    static String event(String type, Member m, long version, String status, String deceasedOn, List<Honour> honours) {
        String honour = honours.isEmpty() ? "" : "\"honour\":" + honours.get(honours.size() - 1).json() + ",";
        boolean withHonour = type.startsWith("Honor");
        return """
                {"specversion":"1.0","id":"%s","source":"/member-service","type":"%s","subject":"%s","time":"%s",
                 "datacontenttype":"application/json","dataschema":"https://federation.zjlm.cn/events/%s.schema.json",
                 "association":"%s","data":{%s"memberId":"%s","associationCode":"%s","name":"%s","gender":"MALE",
                 "birthDate":"%s","status":"%s","deceasedOn":%s,"sector":"FRONTLINE_WORKER",
                 "nationalIdIndex":"%s","accountSubject":%s,"highestHonourLevel":null,"honours":[%s],"version":%d}}"""
                .formatted(UUID.randomUUID(), type, m.id(), Instant.now(), type, m.association(),
                        withHonour ? honour : "", m.id(), m.association(), m.name(), m.birthDate(), status,
                        deceasedOn == null ? "null" : "\"" + deceasedOn + "\"", m.index(),
                        m.account() == null ? "null" : "\"" + m.account() + "\"",
                        String.join(",", honours.stream().map(Honour::json).toList()), version);
    }

    /** Sends a member event after checking it against its contract. */
    static void send(Member m, String event) {
        assertThat(EventContracts.violations(event)).as("member event contract").isEmpty();
        TopicReader.send(TestInfrastructure.kafka().bootstrapServers(), EventTopics.MEMBER, m.id().toString(), event);
    }

    /** Registers the member and waits until care-service's read model holds the given version. */
    static Member registered(Member m, Honour... honours) {
        send(m, event("MemberRegistered", m, 0, "IN_SERVICE", null, List.of(honours)));
        awaitVersion(m, 0);
        return m;
    }

    static void awaitVersion(Member m, long version) {
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            CareMember row = CareMember.findById(m.id());
            return row != null && row.memberVersion >= version;
        }));
    }

    static void dies(Member m, long version, List<Honour> honours) {
        send(m, event("MemberDeceased", m, version, "DECEASED", "2026-11-01", honours));
        awaitVersion(m, version);
    }

    /** Sets up a budget (idempotent per association, programme and year within one test run). */
    static int budget(String association, String programme, int year, String amount) {
        return given().auth().oauth2(SX_FINANCE).contentType("application/json")
                .body("""
                        {"associationCode":"%s","programme":"%s","year":%d,"amount":%s}"""
                        .formatted(association, programme, year, amount))
                .post("/api/v1/care/budgets").then().statusCode(201).extract().path("id");
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
