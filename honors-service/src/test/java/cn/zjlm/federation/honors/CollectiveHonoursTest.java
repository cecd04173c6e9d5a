package cn.zjlm.federation.honors;

import static cn.zjlm.federation.honors.HonorsFixtures.HZ_REVIEWER;
import static cn.zjlm.federation.honors.HonorsFixtures.XS_REVIEWER;
import static cn.zjlm.federation.honors.HonorsFixtures.XS_STAFF;
import static cn.zjlm.federation.honors.HonorsFixtures.ZJ_ADMIN;
import static cn.zjlm.federation.honors.HonorsFixtures.ZJ_REVIEWER;
import static cn.zjlm.federation.honors.HonorsFixtures.campaign;
import static cn.zjlm.federation.honors.HonorsFixtures.draft;
import static cn.zjlm.federation.honors.HonorsFixtures.noticeHasEnded;
import static cn.zjlm.federation.honors.HonorsFixtures.registeredMember;
import static cn.zjlm.federation.honors.HonorsFixtures.review;
import static cn.zjlm.federation.honors.HonorsFixtures.submit;
import static cn.zjlm.federation.honors.HonorsFixtures.today;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.commons.identity.CreditCode;
import cn.zjlm.federation.local.EventContracts;
import cn.zjlm.federation.local.TestInfrastructure;
import cn.zjlm.federation.local.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Collective honours (五一劳动奖状, 工人先锋号): units and teams identified by GB 32100 codes. */
@QuarkusTest
class CollectiveHonoursTest {
    private static final String UNIT_CODE = CreditCode.compose("91330109MA2C0L1E7");

    private static Map<String, Object> unit(String campaign, String kind, String name) {
        Map<String, Object> body = new HashMap<>(Map.of("campaignId", campaign, "associationCode", "330109",
                "collective", Map.of("kind", kind, "name", name), "employer", "杭州萧山集体荣誉测试有限公司",
                "employerCreditCode", UNIT_CODE, "deeds", "班组攻克高端轴承国产化难题，年创效益三千万元。"));
        return body;
    }

    private static String pioneerCampaign(List<Map<String, Object>> rules) {
        return campaign(ZJ_ADMIN, "ZJ-PIONEER-TEAM", Map.of("330100", 2), rules, today().minusDays(5), today().plusDays(20));
    }

    /** Through every review level and the notice, to conferral. */
    private static void confer(String campaign, String id) {
        submit(XS_STAFF, id).statusCode(200);
        review(XS_REVIEWER, id, "APPROVE").statusCode(200);
        review(HZ_REVIEWER, id, "APPROVE").statusCode(200);
        review(ZJ_REVIEWER, id, "APPROVE").statusCode(200).body("state", equalTo("REVIEWED"));
        given().auth().oauth2(ZJ_ADMIN).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/honors/campaigns/" + campaign + "/public-notice").then().statusCode(200);
        noticeHasEnded(id);
        given().auth().oauth2(ZJ_ADMIN).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/honors/nominations/" + id + "/approval").then().statusCode(200);
        given().auth().oauth2(ZJ_ADMIN).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/honors/campaigns/" + campaign + "/conferral").then().statusCode(200)
                .body("[0].state", equalTo("CONFERRED"));
    }

    @Test
    void aTeamIsNominatedNoticedAndConferredAndTheEventNamesNoPerson() throws Exception {
        String campaign = pioneerCampaign(List.of(Map.of("rule", "NOT_ALREADY_HOLDING")));
        String id = draft(XS_STAFF, unit(campaign, "TEAM", "精密轴承攻关班组"));
        given().auth().oauth2(XS_STAFF).get("/api/v1/honors/nominations/" + id).then().statusCode(200)
                .body("nomineeKind", equalTo("TEAM")).body("nomineeName", equalTo("精密轴承攻关班组"))
                .body("sector", equalTo(null)).body("newPerson", equalTo(false));
        // the same team once per campaign, however its name is spaced or written (full-width, case)
        given().auth().oauth2(XS_STAFF).contentType(ContentType.JSON).body(unit(campaign, "TEAM", "精密轴承　攻关 班组"))
                .post("/api/v1/honors/nominations").then().statusCode(409).body("errors[0].field", equalTo("collective.name"));
        // moving another team's nomination onto the same unit and name is refused as well
        String other = draft(XS_STAFF, unit(campaign, "TEAM", "精密轴承攻关班组").entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getKey().equals("employerCreditCode")
                        ? CreditCode.compose("91330109MA2C0L2E5") : e.getValue())));
        given().auth().oauth2(XS_STAFF).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("employer", "杭州萧山集体荣誉测试有限公司", "employerCreditCode", UNIT_CODE,
                        "deeds", "改为同一单位"))
                .put("/api/v1/honors/nominations/" + other).then().statusCode(409)
                .body("errors[0].field", equalTo("employerCreditCode"));
        confer(campaign, id);
        given().get("/api/v1/public/honors/notices?campaignId=" + campaign).then().statusCode(200);

        var records = TopicReader.await(TestInfrastructure.kafka().bootstrapServers(), EventTopics.HONORS,
                r -> id.equals(r.key()) && r.value().contains("CollectiveHonorConferred"), 1, Duration.ofSeconds(30));
        assertThat(EventContracts.violations(records.get(0).value())).isEmpty();
        JsonNode data = new ObjectMapper().readTree(records.get(0).value()).path("data");
        assertThat(data.path("recipient").path("creditCode").asText()).isEqualTo(UNIT_CODE);
        assertThat(data.path("recipient").path("kind").asText()).isEqualTo("TEAM");
        assertThat(data.path("certificateNumber").asText()).startsWith("ZJ-PIONEER-TEAM-" + today().getYear());
        assertThat(data.has("nominee")).isFalse();
        var submitted = TopicReader.await(TestInfrastructure.kafka().bootstrapServers(), EventTopics.HONORS,
                r -> id.equals(r.key()) && r.value().contains("NominationSubmitted"), 1, Duration.ofSeconds(30));
        assertThat(EventContracts.violations(submitted.get(0).value())).isEmpty();
        assertThat(submitted.get(0).value()).contains("\"nomineeKind\":\"TEAM\"");

        // holding the honour already: a later campaign refuses the same team by its rule
        String later = pioneerCampaign(List.of(Map.of("rule", "NOT_ALREADY_HOLDING")));
        String again = draft(XS_STAFF, unit(later, "TEAM", "精密轴承攻关班组"));
        submit(XS_STAFF, again).statusCode(409).body("code", equalTo("rule-already-holding"));
        // another team of the same unit is a different collective
        submit(XS_STAFF, draft(XS_STAFF, unit(later, "TEAM", "数控加工班组"))).statusCode(200);
    }

    @Test
    void collectiveAndPersonalNominationsDoNotMix() {
        given().auth().oauth2(ZJ_ADMIN).contentType(ContentType.JSON).body(Map.of("honourType", "ZJ-LABOUR-AWARD",
                "year", today().getYear(), "title", "人员规则不适用", "totalPlaces", 5,
                "nominationOpens", today().minusDays(1).toString(), "nominationCloses", today().plusDays(9).toString(),
                "quotas", List.of(Map.of("associationCode", "330100", "places", 2)),
                "rules", List.of(Map.of("rule", "FRONTLINE_SHARE_MIN", "threshold", 60))))
                .post("/api/v1/honors/campaigns").then().statusCode(400)
                .body("errors[0].field", equalTo("rules[0].rule")).body("errors[0].code", equalTo("campaign.rule-person-only"));

        String collective = pioneerCampaign(List.of());
        var member = registeredMember("陆班长", "330109", "FRONTLINE_WORKER");
        given().auth().oauth2(XS_STAFF).contentType(ContentType.JSON)
                .body(HonorsFixtures.nominationOf(collective, member, "330109", "FRONTLINE_WORKER"))
                .post("/api/v1/honors/nominations").then().statusCode(400).body("errors[0].field", equalTo("collective"));
        Map<String, Object> noCode = unit(collective, "UNIT", "杭州萧山集体荣誉测试有限公司");
        noCode.remove("employerCreditCode");
        given().auth().oauth2(XS_STAFF).contentType(ContentType.JSON).body(noCode).post("/api/v1/honors/nominations")
                .then().statusCode(400).body("errors[0].field", equalTo("employerCreditCode"));
        Map<String, Object> badCode = unit(collective, "UNIT", "杭州萧山集体荣誉测试有限公司");
        badCode.put("employerCreditCode", UNIT_CODE.substring(0, 17) + (UNIT_CODE.endsWith("0") ? "1" : "0"));
        given().auth().oauth2(XS_STAFF).contentType(ContentType.JSON).body(badCode).post("/api/v1/honors/nominations")
                .then().statusCode(400).body("errors[0].field", equalTo("employerCreditCode"));
        Map<String, Object> withSector = unit(collective, "UNIT", "杭州萧山集体荣誉测试有限公司");
        withSector.put("sector", "FRONTLINE_WORKER");
        given().auth().oauth2(XS_STAFF).contentType(ContentType.JSON).body(withSector).post("/api/v1/honors/nominations")
                .then().statusCode(400).body("errors[0].field", equalTo("sector"));

        String personal = HonorsFixtures.openCampaign(Map.of("330100", 2), List.of());
        given().auth().oauth2(XS_STAFF).contentType(ContentType.JSON).body(unit(personal, "UNIT", "某单位"))
                .post("/api/v1/honors/nominations").then().statusCode(400).body("errors[0].field", equalTo("collective"))
                .body("errors[0].code", equalTo("nomination.collective-not-allowed"));
    }
}
