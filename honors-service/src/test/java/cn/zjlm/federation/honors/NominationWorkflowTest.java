package cn.zjlm.federation.honors;

import static cn.zjlm.federation.honors.HonorsFixtures.HU_STAFF;
import static cn.zjlm.federation.honors.HonorsFixtures.HZ_ADMIN;
import static cn.zjlm.federation.honors.HonorsFixtures.HZ_REVIEWER;
import static cn.zjlm.federation.honors.HonorsFixtures.HZ_STAFF;
import static cn.zjlm.federation.honors.HonorsFixtures.XS_REVIEWER;
import static cn.zjlm.federation.honors.HonorsFixtures.XS_STAFF;
import static cn.zjlm.federation.honors.HonorsFixtures.ZJ_ADMIN;
import static cn.zjlm.federation.honors.HonorsFixtures.ZJ_REVIEWER;
import static cn.zjlm.federation.honors.HonorsFixtures.draft;
import static cn.zjlm.federation.honors.HonorsFixtures.nominationOf;
import static cn.zjlm.federation.honors.HonorsFixtures.noticeHasEnded;
import static cn.zjlm.federation.honors.HonorsFixtures.openCampaign;
import static cn.zjlm.federation.honors.HonorsFixtures.registeredMember;
import static cn.zjlm.federation.honors.HonorsFixtures.review;
import static cn.zjlm.federation.honors.HonorsFixtures.submit;
import static cn.zjlm.federation.honors.HonorsFixtures.today;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.local.EventContracts;
import cn.zjlm.federation.local.TestInfrastructure;
import cn.zjlm.federation.local.TestTokens;
import cn.zjlm.federation.local.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class NominationWorkflowTest {

    /** The nomination's one event of that type, checked against its contract. */
    private static com.fasterxml.jackson.databind.JsonNode eventOf(String nominationId, String type) throws Exception {
        var records = TopicReader.await(TestInfrastructure.kafka().bootstrapServers(), EventTopics.HONORS,
                r -> nominationId.equals(r.key()) && r.value().contains("\"type\":\"" + type + "\""), 1,
                Duration.ofSeconds(30));
        assertThat(records).as(type).hasSize(1);
        assertThat(EventContracts.violations(records.get(0).value())).as(records.get(0).value()).isEmpty();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(records.get(0).value());
    }

    @Test
    void aCountyNominationIsReviewedLevelByLevelNoticedApprovedAndConferred() throws Exception {
        String campaign = openCampaign(Map.of("330100", 3), List.of());
        UUID member = registeredMember("沈国强", "330109", "FRONTLINE_WORKER");
        String id = draft(XS_STAFF, nominationOf(campaign, member, "330109", "FRONTLINE_WORKER"));
        submit(XS_STAFF, id).statusCode(200).body("state", equalTo("SUBMITTED")).body("reviewLevel", equalTo("COUNTY"));

        // separation of duties and levels
        review(XS_STAFF, id, "APPROVE").statusCode(403).body("code", equalTo("separation-of-duties"));
        review(HZ_REVIEWER, id, "APPROVE").statusCode(403).body("code", equalTo("review-wrong-level"));
        review(XS_REVIEWER, id, "APPROVE").statusCode(200).body("reviewLevel", equalTo("CITY"));
        review(ZJ_REVIEWER, id, "APPROVE").statusCode(403).body("code", equalTo("review-wrong-level"));
        review(HZ_REVIEWER, id, "APPROVE").statusCode(200).body("reviewLevel", equalTo("PROVINCE"));
        review(ZJ_REVIEWER, id, "APPROVE").statusCode(200).body("state", equalTo("REVIEWED"))
                .body("reviewLevel", nullValue());

        // approving before the notice is an illegal transition
        given().auth().oauth2(ZJ_ADMIN).contentType(ContentType.JSON).body("{}").post("/api/v1/honors/nominations/" + id + "/approval").then()
                .statusCode(409).body("code", equalTo("nomination-illegal-transition"));
        given().auth().oauth2(HZ_ADMIN).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/honors/campaigns/" + campaign + "/public-notice").then().statusCode(403)
                .body("code", equalTo("organiser-only"));
        given().auth().oauth2(ZJ_ADMIN).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/honors/campaigns/" + campaign + "/public-notice").then().statusCode(200)
                .body("[0].state", equalTo("PUBLIC_NOTICE")).body("[0].noticeEnds", notNullValue());

        // the public list needs no login and shows only name, employer, honour and period
        given().get("/api/v1/public/honors/notices?campaignId=" + campaign).then().statusCode(200)
                .body("[0].name", equalTo("沈国强")).body("[0].employer", equalTo("杭州汽轮动力集团"))
                .body("[0].honour", equalTo("浙江省劳动模范")).body("[0]", not(org.hamcrest.Matchers.hasKey("deeds")))
                .body("[0]", not(org.hamcrest.Matchers.hasKey("memberId")));

        // an objection blocks approval until resolved
        String objection = given().contentType(ContentType.JSON).header("X-Forwarded-For", "203.0.113.7")
                .body(Map.of("contactName", "王某", "contactPhone", "13800001111", "content", "其申报的技术成果与实际情况不符。"))
                .post("/api/v1/public/honors/notices/" + id + "/objections").then().statusCode(201)
                .extract().path("objectionId");
        noticeHasEnded(id);
        given().auth().oauth2(ZJ_ADMIN).contentType(ContentType.JSON).body("{}").post("/api/v1/honors/nominations/" + id + "/approval").then()
                .statusCode(409).body("code", equalTo("objection-open"));
        given().auth().oauth2(ZJ_REVIEWER).contentType(ContentType.JSON)
                .body(Map.of("outcome", "DISMISSED", "findings", "经核实，成果有专利和验收报告佐证。"))
                .post("/api/v1/honors/nominations/" + id + "/objections/" + objection + "/resolution").then()
                .statusCode(200).body("status", equalTo("DISMISSED")).body("contactPhoneMasked", equalTo("138****1111"));
        given().auth().oauth2(ZJ_ADMIN).contentType(ContentType.JSON).body("{}").post("/api/v1/honors/nominations/" + id + "/approval").then()
                .statusCode(200).body("state", equalTo("APPROVED"));

        // not conferred on a day the notice still ran
        String noticeEnds = given().auth().oauth2(ZJ_ADMIN).get("/api/v1/honors/nominations/" + id).then().statusCode(200)
                .extract().path("noticeEnds");
        given().auth().oauth2(ZJ_ADMIN).contentType(ContentType.JSON).body(Map.of("conferredOn", noticeEnds))
                .post("/api/v1/honors/campaigns/" + campaign + "/conferral").then().statusCode(400)
                .body("errors[0].code", equalTo("conferral.date-before-notice-end"));
        given().auth().oauth2(ZJ_ADMIN).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/honors/campaigns/" + campaign + "/conferral").then().statusCode(200)
                .body("[0].state", equalTo("CONFERRED"))
                .body("[0].certificateNumber", equalTo("ZJ-MODEL-WORKER-" + today().getYear() + "-0001"));

        // every step is recorded, and each event is on the topic in its contract
        given().auth().oauth2(XS_STAFF).get("/api/v1/honors/nominations/" + id).then().statusCode(200)
                .body("steps.action", org.hamcrest.Matchers.contains("CREATED", "SUBMITTED", "REVIEW_APPROVE",
                        "REVIEW_APPROVE", "REVIEW_APPROVE", "NOTICE_STARTED", "OBJECTION_DISMISSED", "APPROVED",
                        "CONFERRED"))
                .body("steps.level", hasItem("CITY"))
                // the nominating side reads the objection, not who filed it; the organiser who ruled on it does
                .body("objections[0].content", org.hamcrest.Matchers.notNullValue())
                .body("objections[0].contactName", org.hamcrest.Matchers.nullValue())
                .body("objections[0].contactPhoneMasked", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(ZJ_ADMIN).get("/api/v1/honors/nominations/" + id).then().statusCode(200)
                .body("objections[0].contactPhoneMasked", equalTo("138****1111"));
        var records = TopicReader.await(TestInfrastructure.kafka().bootstrapServers(), EventTopics.HONORS,
                r -> id.equals(r.key()), 4, Duration.ofSeconds(30));
        assertThat(records).extracting(r -> new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.value())
                .path("type").asText()).containsExactly("NominationSubmitted", "PublicNoticeStarted",
                        "NominationApproved", "HonorConferred");
        for (var r : records) {
            assertThat(EventContracts.violations(r.value())).as(r.value()).isEmpty();
        }
        assertThat(records.get(3).value()).contains("\"memberId\":\"" + member + "\"")
                .contains("\"certificateNumber\":\"ZJ-MODEL-WORKER-" + today().getYear() + "-0001\"");
    }

    @Test
    void whoeverDraftedANominationCannotReviewItEvenWhenAColleagueSubmittedIt() {
        String campaign = openCampaign(Map.of("330100", 3), List.of());
        UUID member = registeredMember("方志远", "330109", "FRONTLINE_WORKER");
        String id = draft(XS_STAFF, nominationOf(campaign, member, "330109", "FRONTLINE_WORKER"));
        // a colleague submits it: the drafter is still not an independent reviewer
        submit(XS_REVIEWER, id).statusCode(200);
        review(XS_STAFF, id, "APPROVE").statusCode(403).body("code", equalTo("separation-of-duties"));
        review(XS_REVIEWER, id, "APPROVE").statusCode(403).body("code", equalTo("separation-of-duties"));
        review(TestTokens.token("xs-staff-3", "330109", "county-staff"), id, "APPROVE").statusCode(200)
                .body("reviewLevel", equalTo("CITY"));
    }

    @Test
    void certificateNumbersRunOnAcrossCampaignsOfTheSameHonourAndYear() {
        List<String> numbers = new java.util.ArrayList<>();
        for (String name : List.of("杭州工匠甲", "杭州工匠乙")) {
            String campaign = HonorsFixtures.campaign(HZ_ADMIN, "HZ-CRAFTSMAN", Map.of("330100", 1), List.of(),
                    today().minusDays(10), today().plusDays(30));
            String id = draft(HZ_STAFF, nominationOf(campaign, registeredMember(name, "330102", "FRONTLINE_WORKER"),
                    "330100", "FRONTLINE_WORKER"));
            submit(HZ_STAFF, id).statusCode(200);
            review(HZ_REVIEWER, id, "APPROVE").statusCode(200).body("state", equalTo("REVIEWED"));
            given().auth().oauth2(HZ_ADMIN).contentType(ContentType.JSON).body("{}")
                    .post("/api/v1/honors/campaigns/" + campaign + "/public-notice").then().statusCode(200);
            noticeHasEnded(id);
            given().auth().oauth2(HZ_ADMIN).contentType(ContentType.JSON).body("{}")
                    .post("/api/v1/honors/nominations/" + id + "/approval").then().statusCode(200);
            numbers.add(given().auth().oauth2(HZ_ADMIN).contentType(ContentType.JSON).body("{}")
                    .post("/api/v1/honors/campaigns/" + campaign + "/conferral").then().statusCode(200)
                    .extract().path("[0].certificateNumber"));
        }
        // each campaign used to start at 0001, and the second conferral failed on the unique certificate number
        int year = today().getYear();
        assertThat(numbers).containsExactly("HZ-CRAFTSMAN-" + year + "-0001", "HZ-CRAFTSMAN-" + year + "-0002");
    }

    @Test
    void aNominationReturnedAfterTheWindowClosedMayComeBackUntilItsFirstReviewIsDue() throws Exception {
        String campaign = HonorsFixtures.campaign(HZ_ADMIN, "HZ-CRAFTSMAN", Map.of("330100", 2), List.of(),
                today().minusDays(10), today().plusDays(30));
        String id = draft(HZ_STAFF, nominationOf(campaign, registeredMember("退回重报", "330102", "FRONTLINE_WORKER"),
                "330100", "FRONTLINE_WORKER"));
        submit(HZ_STAFF, id).statusCode(200);
        given().auth().oauth2(HZ_REVIEWER).contentType(ContentType.JSON)
                .body(Map.of("decision", "RETURN", "opinion", "事迹材料不全"))
                .post("/api/v1/honors/nominations/" + id + "/reviews").then().statusCode(200)
                .body("state", equalTo("RETURNED"));
        var returned = eventOf(id, "NominationReturned");
        assertThat(returned.path("data").path("level").asText()).isEqualTo("CITY");
        assertThat(returned.path("data").path("reason").asText()).isEqualTo("事迹材料不全");
        // the window has closed meanwhile; the city reviews until next week
        QuarkusTransaction.requiringNew().run(() -> cn.zjlm.federation.honors.domain.Campaign.getEntityManager()
                .createNativeQuery("update campaign set nomination_closes = current_date - 1, city_review_by = current_date + 5 "
                        + "where id = cast(?1 as uuid)").setParameter(1, campaign).executeUpdate());
        submit(HZ_STAFF, id).statusCode(200).body("state", equalTo("SUBMITTED"));
        // a nomination never submitted stays out once the window closed
        String late = draft(HZ_STAFF, nominationOf(campaign, registeredMember("逾期推荐", "330102", "FRONTLINE_WORKER"),
                "330100", "FRONTLINE_WORKER"));
        submit(HZ_STAFF, late).statusCode(409).body("code", equalTo("nomination-window-closed"));
    }

    @Test
    void aWithdrawnDraftMayBeMadeAgainButANominationHoldsThePersonOnce() throws Exception {
        String campaign = openCampaign(Map.of("330100", 3), List.of());
        UUID member = registeredMember("重新推荐", "330109", "FRONTLINE_WORKER");
        // withdrawn (by mistake, or to be made again by the county), then made again
        String wrong = draft(HZ_STAFF, nominationOf(campaign, member, "330109", "FRONTLINE_WORKER"));
        given().auth().oauth2(HZ_STAFF).contentType(ContentType.JSON).body(Map.of("reason", "改由萧山区推荐"))
                .post("/api/v1/honors/nominations/" + wrong + "/withdrawal").then().statusCode(200);
        var withdrawn = eventOf(wrong, "NominationWithdrawn").path("data");
        assertThat(withdrawn.path("fromState").asText()).isEqualTo("DRAFT");
        assertThat(withdrawn.path("reason").asText()).isEqualTo("改由萧山区推荐");
        assertThat(withdrawn.path("memberId").asText()).isEqualTo(member.toString());
        String made = draft(XS_STAFF, nominationOf(campaign, member, "330109", "FRONTLINE_WORKER"));
        submit(XS_STAFF, made).statusCode(200);
        // the city, reviewing it later, returns or rejects it on the record; it does not withdraw it
        given().auth().oauth2(HZ_REVIEWER).contentType(ContentType.JSON).body(Map.of("reason", "不想要了"))
                .post("/api/v1/honors/nominations/" + made + "/withdrawal").then().statusCode(403)
                .body("code", equalTo("withdraw-nominators-only"));
        given().auth().oauth2(XS_STAFF).contentType(ContentType.JSON)
                .body(nominationOf(campaign, member, "330109", "FRONTLINE_WORKER")).post("/api/v1/honors/nominations")
                .then().statusCode(409).body("errors[0].code", equalTo("nomination.already-nominated"));
    }

    @Test
    void aCountysOwnTitleIsRunByItsCitysAdmins() {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("honourType", "JD-CRAFTSMAN");
        body.put("associationCode", "330182");
        body.put("year", today().getYear());
        body.put("title", "建德名匠评选 " + UUID.randomUUID());
        body.put("totalPlaces", 3);
        body.put("nominationOpens", today().minusDays(10).toString());
        body.put("nominationCloses", today().plusDays(30).toString());
        body.put("quotas", List.of(Map.of("associationCode", "330182", "places", 3)));
        body.put("rules", List.of());
        String campaign = given().auth().oauth2(HZ_ADMIN).contentType(ContentType.JSON).body(body)
                .post("/api/v1/honors/campaigns").then().statusCode(201).extract().path("id");
        String jdStaff = TestTokens.token("jd-staff", "330182", "county-staff");
        String id = draft(jdStaff, nominationOf(campaign, registeredMember("建德匠人", "330182", "FRONTLINE_WORKER"),
                "330182", "FRONTLINE_WORKER"));
        submit(jdStaff, id).statusCode(200).body("reviewLevel", equalTo("COUNTY"));
        review(TestTokens.token("jd-reviewer", "330182", "county-staff"), id, "APPROVE").statusCode(200)
                .body("state", equalTo("REVIEWED"));
        // 杭州's admin, who set it up, puts it on notice (no county has admins); 湖州's cannot
        given().auth().oauth2(TestTokens.token("hu-admin", "330500", "city-admin")).contentType(ContentType.JSON)
                .body("{}").post("/api/v1/honors/campaigns/" + campaign + "/public-notice").then().statusCode(404);
        given().auth().oauth2(HZ_ADMIN).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/honors/campaigns/" + campaign + "/public-notice").then().statusCode(200);
    }

    @Test
    void aPersonIsPutForwardForAnHonourOnceAYearAcrossCampaigns() {
        UUID person = registeredMember("双报者", "330102", "FRONTLINE_WORKER");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String campaign = HonorsFixtures.campaign(HZ_ADMIN, "HZ-CRAFTSMAN", Map.of("330100", 1), List.of(),
                    today().minusDays(10), today().plusDays(30));
            ids.add(draft(HZ_STAFF, nominationOf(campaign, person, "330100", "FRONTLINE_WORKER")));
        }
        submit(HZ_STAFF, ids.get(0)).statusCode(200);
        // the same honour and year in a second campaign: a second title, and a second award paid
        submit(HZ_STAFF, ids.get(1)).statusCode(409).body("code", equalTo("nominated-elsewhere"));
        given().auth().oauth2(HZ_STAFF).contentType(ContentType.JSON).body("{\"reason\":\"重复推荐\"}")
                .post("/api/v1/honors/nominations/" + ids.get(0) + "/withdrawal").then().statusCode(200);
        submit(HZ_STAFF, ids.get(1)).statusCode(200);
    }

    @Test
    void theQuotaIsCheckedOnSubmissionAndNamesItself() {
        String campaign = openCampaign(Map.of("330100", 1, "330500", 2), List.of());
        String first = draft(HZ_STAFF, nominationOf(campaign, registeredMember("周海涛", "330102", "FRONTLINE_WORKER"),
                "330100", "FRONTLINE_WORKER"));
        String second = draft(XS_STAFF, nominationOf(campaign, registeredMember("郑晓红", "330109", "FARMER"),
                "330109", "FARMER"));
        submit(HZ_STAFF, first).statusCode(200);
        // The campaign shows the place taken, alone and in the list (a county's nomination counts for its city).
        given().auth().oauth2(ZJ_ADMIN).get("/api/v1/honors/campaigns/" + campaign).then().statusCode(200)
                .body("quotas.find { it.associationCode == '330100' }.taken", equalTo(1))
                .body("quotas.find { it.associationCode == '330500' }.taken", equalTo(0));
        given().auth().oauth2(ZJ_ADMIN).get("/api/v1/honors/campaigns").then().statusCode(200)
                .body("find { it.id == '" + campaign + "' }.quotas.find { it.associationCode == '330100' }.taken",
                        equalTo(1));
        submit(XS_STAFF, second).statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("quota-exceeded")).body("detail", containsString("330100"))
                .body("detail", containsString("1 places"));
        // withdrawing frees the place
        given().auth().oauth2(HZ_STAFF).contentType(ContentType.JSON).body(Map.of("reason", "单位另行推荐"))
                .post("/api/v1/honors/nominations/" + first + "/withdrawal").then().statusCode(200)
                .body("state", equalTo("WITHDRAWN"));
        submit(XS_STAFF, second).statusCode(200);
    }

    @Test
    void twoConcurrentSubmissionsCannotBothTakeTheLastPlace() throws Exception {
        String campaign = openCampaign(Map.of("330500", 1), List.of());
        String a = draft(HU_STAFF, nominationOf(campaign, registeredMember("钱卫东", "330502", "FRONTLINE_WORKER"),
                "330500", "FRONTLINE_WORKER"));
        String b = draft(HU_STAFF, nominationOf(campaign, registeredMember("孙美玲", "330503", "FRONTLINE_WORKER"),
                "330500", "FRONTLINE_WORKER"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> calls = List.of(() -> submit(HU_STAFF, a).extract().statusCode(),
                    () -> submit(HU_STAFF, b).extract().statusCode());
            List<Integer> statuses = pool.invokeAll(calls).stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        given().auth().oauth2(HU_STAFF).get("/api/v1/honors/campaigns/" + campaign).then()
                .body("quotas[0].taken", equalTo(1));
    }

    @Test
    void aRegisteredMembersSectorComesFromTheRegistryUnlessGiven() {
        String campaign = openCampaign(Map.of("330100", 2), List.of());
        UUID member = registeredMember("许志华", "330102", "FARMER");
        given().auth().oauth2(HZ_STAFF).contentType(ContentType.JSON).body(Map.of("campaignId", campaign,
                        "memberId", member.toString(), "employer", "萧山农场", "deeds", "培育良种，带动增收。"))
                .post("/api/v1/honors/nominations").then().statusCode(201).body("sector", equalTo("FARMER"));
        given().auth().oauth2(HZ_STAFF).contentType(ContentType.JSON).body(Map.of("campaignId", campaign,
                        "nominee", Map.of("name", "新人", "nationalId", HonorsFixtures.newId("330102",
                                java.time.LocalDate.of(1985, 5, 5))), "employer", "萧山农场", "deeds", "培育良种。"))
                .post("/api/v1/honors/nominations").then().statusCode(400)
                .body("errors[0].code", equalTo("nomination.sector-required"));
    }

    @Test
    void aNominationOutsideTheWindowIsRefused() {
        String campaign = HonorsFixtures.campaign(ZJ_ADMIN, "ZJ-LABOUR-MEDAL", Map.of("330100", 2), List.of(),
                today().minusDays(40), today().minusDays(10));
        String id = draft(HZ_STAFF, nominationOf(campaign, registeredMember("陆建华", "330106", "PROFESSIONAL"),
                "330100", "PROFESSIONAL"));
        submit(HZ_STAFF, id).statusCode(409).body("code", equalTo("nomination-window-closed"))
                .body("detail", containsString(today().minusDays(10).toString()));
    }

    @Test
    void rulesKeptAsDataNameThemselvesWhenTheyFail() {
        String campaign = openCampaign(Map.of("330100", 2), List.of(
                Map.of("rule", "FRONTLINE_SHARE_MIN", "threshold", 50), Map.of("rule", "IN_SERVICE"),
                Map.of("rule", "NOT_ALREADY_HOLDING")));
        String head = draft(HZ_STAFF, nominationOf(campaign, registeredMember("马志远", "330105", "ENTERPRISE_HEAD"),
                "330100", "ENTERPRISE_HEAD"));
        submit(HZ_STAFF, head).statusCode(200);
        String secondHead = draft(HZ_STAFF, nominationOf(campaign,
                registeredMember("冯立群", "330105", "ENTERPRISE_HEAD"), "330100", "ENTERPRISE_HEAD"));
        submit(HZ_STAFF, secondHead).statusCode(409).body("code", equalTo("rule-frontline-share"))
                .body("detail", containsString("50%"));
        String retired = draft(HZ_STAFF, nominationOf(campaign,
                registeredMember("褚玉兰", "330105", "RETIRED", "FRONTLINE_WORKER", "[]"), "330100", "FRONTLINE_WORKER"));
        given().auth().oauth2(HZ_STAFF).header("Accept-Language", "zh-CN")
                .post("/api/v1/honors/nominations/" + retired + "/submission").then().statusCode(409)
                .body("code", equalTo("rule-in-service")).body("title", equalTo("不符合条件：须为在职人员"));
        String holder = draft(HZ_STAFF, nominationOf(campaign, registeredMember("卫红英", "330105", "IN_SERVICE",
                "FRONTLINE_WORKER", "[{\"honourId\":\"" + UUID.randomUUID() + "\",\"honourType\":\"ZJ-MODEL-WORKER\","
                        + "\"category\":\"MODEL_WORKER\",\"level\":\"PROVINCIAL\",\"title\":\"浙江省劳动模范\",\"year\":2015,"
                        + "\"nationalTreatment\":false,\"revokedOn\":null}]"), "330100", "FRONTLINE_WORKER"));
        submit(HZ_STAFF, holder).statusCode(409).body("code", equalTo("rule-already-holding"));
    }

    @Test
    void anUpheldObjectionRejectsTheNominationAndObjectionsAreRateLimited() {
        String campaign = openCampaign(Map.of("330100", 2), List.of());
        String id = draft(HZ_STAFF, nominationOf(campaign, registeredMember("蒋文斌", "330110", "FRONTLINE_WORKER"),
                "330100", "FRONTLINE_WORKER"));
        submit(HZ_STAFF, id).statusCode(200);
        review(HZ_REVIEWER, id, "APPROVE").statusCode(200);
        review(ZJ_REVIEWER, id, "APPROVE").statusCode(200).body("state", equalTo("REVIEWED"));
        given().auth().oauth2(ZJ_ADMIN).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/honors/campaigns/" + campaign + "/public-notice").then().statusCode(200);
        String address = "198.51.100." + (int) (Math.random() * 200);
        String first = null;
        for (int i = 0; i < 5; i++) {
            String o = given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                    .body(Map.of("contactName", "李先生", "contactPhone", "0571-87654321", "content", "该同志存在违规行为，请核查。"))
                    .post("/api/v1/public/honors/notices/" + id + "/objections").then().statusCode(201)
                    .extract().path("objectionId");
            first = first == null ? o : first;
        }
        given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("contactName", "李先生", "contactPhone", "0571-87654321", "content", "该同志存在违规行为，请核查。"))
                .post("/api/v1/public/honors/notices/" + id + "/objections").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", notNullValue());
        given().auth().oauth2(ZJ_REVIEWER).contentType(ContentType.JSON)
                .body(Map.of("outcome", "UPHELD", "findings", "经调查，反映问题属实。"))
                .post("/api/v1/honors/nominations/" + id + "/objections/" + first + "/resolution").then()
                .statusCode(200);
        given().auth().oauth2(HZ_STAFF).get("/api/v1/honors/nominations/" + id).then()
                .body("state", equalTo("REJECTED"));
        given().get("/api/v1/public/honors/notices?campaignId=" + campaign).then().body("nominationId",
                not(hasItem(id)));
    }

    @Test
    void anotherCitysNominationIsInvisible() {
        String campaign = openCampaign(Map.of("330100", 2), List.of());
        String id = draft(HZ_STAFF, nominationOf(campaign, registeredMember("韩春生", "330108", "FRONTLINE_WORKER"),
                "330100", "FRONTLINE_WORKER"));
        given().auth().oauth2(HU_STAFF).get("/api/v1/honors/nominations/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(HU_STAFF).get("/api/v1/honors/nominations?campaignId=" + campaign).then()
                .statusCode(200).body("total", equalTo(0));
        submit(HU_STAFF, id).statusCode(404);
        given().auth().oauth2(HZ_STAFF).get("/api/v1/honors/nominations?campaignId=" + campaign).then()
                .body("items.id", hasItem(id));
        // nominating into another city, or another city's member, is refused
        given().auth().oauth2(HU_STAFF).contentType(ContentType.JSON)
                .body(nominationOf(campaign, registeredMember("杨树林", "330108", "FARMER"), "330100", "FARMER"))
                .post("/api/v1/honors/nominations").then().statusCode(400)
                .body("errors[0].field", equalTo("associationCode"));
    }

    @Test
    void campaignsCheckTheirQuotasAndRules() {
        given().auth().oauth2(ZJ_ADMIN).contentType(ContentType.JSON).body(Map.of("honourType", "ZJ-MODEL-WORKER",
                "year", 2027, "title", "错误的评选", "totalPlaces", 3, "nominationOpens", "2027-01-10",
                "nominationCloses", "2027-01-01", "quotas", List.of(Map.of("associationCode", "330100", "places", 2),
                        Map.of("associationCode", "330109", "places", 2)),
                "rules", List.of(Map.of("rule", "FRONTLINE_SHARE_MIN"))))
                .post("/api/v1/honors/campaigns").then().statusCode(400).contentType("application/problem+json")
                .body("errors.code", hasItem("campaign.window-reversed"))
                .body("errors.code", hasItem("campaign.quota-overlaps"))
                .body("errors.code", hasItem("campaign.quota-sum-exceeds-total"))
                .body("errors.code", hasItem("campaign.rule-threshold-required"));
        // a city may not organise a provincial title
        given().auth().oauth2(HZ_ADMIN).contentType(ContentType.JSON).body(Map.of("honourType", "ZJ-MODEL-WORKER",
                "year", 2027, "title", "越权", "totalPlaces", 3, "nominationOpens", "2027-01-01",
                "nominationCloses", "2027-01-10", "quotas", List.of(Map.of("associationCode", "330100", "places", 2))))
                .post("/api/v1/honors/campaigns").then().statusCode(400)
                .body("errors.code", hasItem("campaign.honour-type-not-organisers"));
        given().auth().oauth2(HZ_STAFF).contentType(ContentType.JSON).body("{}").post("/api/v1/honors/campaigns")
                .then().statusCode(403);
    }
}
