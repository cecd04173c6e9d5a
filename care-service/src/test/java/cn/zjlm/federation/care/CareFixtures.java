package cn.zjlm.federation.care;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import cn.zjlm.federation.care.domain.CareMember;
import cn.zjlm.federation.local.MemberEvents;
import cn.zjlm.federation.local.MemberEvents.Honour;
import cn.zjlm.federation.local.MemberEvents.Member;
import cn.zjlm.federation.local.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.util.List;

/** Member events as member-service publishes them, and tokens of the Shaoxing and Huzhou staff. */
final class CareFixtures {
    static final String SX_STAFF = TestTokens.token("sx-staff", "330600", "city-staff");
    static final String SX_ADMIN = TestTokens.token("sx-admin", "330600", "city-admin");
    static final String SX_FINANCE = TestTokens.token("sx-finance", "330600", "finance");
    static final String SX_FINANCE_2 = TestTokens.token("sx-finance-2", "330600", "finance");
    static final String HU_STAFF = TestTokens.token("hu-staff", "330500", "city-staff");

    private CareFixtures() {
    }

    static final Honour NATIONAL_MODEL_WORKER = new Honour("MODEL_WORKER", "NATIONAL", "全国劳动模范", 2015, false, null);
    static final Honour PROVINCIAL_MODEL_WORKER = new Honour("MODEL_WORKER", "PROVINCIAL", "浙江省劳动模范", 2018, false,
            null);
    static final Honour CITY_CRAFTSMAN = new Honour("CRAFTSMAN", "CITY", "绍兴工匠", 2022, false, null);

    static Member born(String association, String name, java.time.LocalDate birthDate) {
        return MemberEvents.born(association, name, birthDate);
    }

    static Member member(String association, String name) {
        return MemberEvents.member(association, name);
    }

    static Member memberWithAccount(String association, String name, String username) {
        return MemberEvents.memberWithAccount(association, name, username);
    }

    static String event(String type, Member m, long version, String status, String deceasedOn, List<Honour> honours) {
        return MemberEvents.event(type, m, version, status, deceasedOn, honours);
    }

    static void send(Member m, String event) {
        MemberEvents.send(m, event);
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

    /** The ETag of a case or cycle (path below /api/v1/care/) as finance reads it, for an approval's If-Match. */
    static String etagOf(String path) {
        return given().auth().oauth2(SX_FINANCE).get("/api/v1/care/" + path).then().statusCode(200).extract()
                .header("ETag");
    }

    static String sha256(String s) {
        return MemberEvents.sha256(s);
    }
}
