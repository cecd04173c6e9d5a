package cn.zjlm.federation.platform;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import cn.zjlm.federation.commons.identity.NationalIdNumber;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A nomination from draft to conferral through the gateway, and the honour showing in the registry. */
class HonoursPathIT {

    static RequestSpecification as(String user) {
        return given().baseUri(E2E.gateway()).auth().oauth2(E2E.token(user)).contentType(ContentType.JSON);
    }

    /** honors-service learns of a member from MemberRegistered; until then the member is unknown to it. */
    static String nominateOnceKnown(String user, Map<String, Object> nomination) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var response = as(user).body(nomination).post("/api/v1/honors/nominations");
            id[0] = response.statusCode() == 201 ? response.path("id") : null;
            return id[0] != null;
        });
        return id[0];
    }

    /** The notice period passes: five working days the test cannot wait for. */
    static void noticeHasEnded(String nominationId) throws Exception {
        try (Connection c = E2E.platform().postgres().connect("honors");
                PreparedStatement s = c.prepareStatement("update nomination set notice_starts = notice_starts - 10, "
                        + "notice_ends = current_date - 1 where id = cast(? as uuid)")) {
            s.setString(1, nominationId);
            s.executeUpdate();
        }
    }

    @Test
    void aConferredHonourAppearsOnTheMembersRecord() throws Exception {
        String memberId = FirstPathIT.create("hz-staff", FirstPathIT.member("程丽华",
                NationalIdNumber.compose("330106", LocalDate.of(1978, 4, 9), 622), "13912340000", "330106"));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String campaign = as("zj-admin").body(Map.of("honourType", "ZJ-MODEL-WORKER", "year", LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear(),
                        "title", "浙江省劳动模范评选（端到端）", "totalPlaces", 10,
                        "nominationOpens", today.minusDays(1).toString(), "nominationCloses", today.plusDays(20).toString(),
                        "quotas", List.of(Map.of("associationCode", "330100", "places", 3)),
                        "rules", List.of(Map.of("rule", "IN_SERVICE"), Map.of("rule", "NOT_ALREADY_HOLDING"))))
                .post("/api/v1/honors/campaigns").then().statusCode(201).extract().path("id");

        Map<String, Object> nomination = Map.of("campaignId", campaign, "memberId", memberId,
                "associationCode", "330100", "employer", "杭州制氧机集团", "sector", "FRONTLINE_WORKER",
                "deeds", "主持空分设备国产化攻关，获省科技进步奖。");
        String nominationId = nominateOnceKnown("hz-staff", nomination);
        as("hz-staff").post("/api/v1/honors/nominations/" + nominationId + "/submission").then().statusCode(200)
                .body("reviewLevel", equalTo("CITY"));
        Map<String, String> approve = Map.of("decision", "APPROVE", "opinion", "同意推荐");
        as("hz-admin").body(approve).post("/api/v1/honors/nominations/" + nominationId + "/reviews").then()
                .statusCode(200).body("reviewLevel", equalTo("PROVINCE"));
        as("reviewer").body(approve).post("/api/v1/honors/nominations/" + nominationId + "/reviews").then()
                .statusCode(200).body("state", equalTo("REVIEWED"));
        as("zj-admin").body("{}").post("/api/v1/honors/campaigns/" + campaign + "/public-notice").then()
                .statusCode(200);
        given().baseUri(E2E.gateway()).get("/api/v1/public/honors/notices?campaignId=" + campaign).then()
                .statusCode(200).body("name", hasItem("程丽华"));

        noticeHasEnded(nominationId);
        as("zj-admin").body("{}").post("/api/v1/honors/nominations/" + nominationId + "/approval").then()
                .statusCode(200).body("state", equalTo("APPROVED"));
        as("zj-admin").body("{}").post("/api/v1/honors/campaigns/" + campaign + "/conferral").then()
                .statusCode(200).body("[0].certificateNumber", equalTo("ZJ-MODEL-WORKER-" + today.getYear() + "-0001"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("hz-staff").get("/api/v1/members/" + memberId)
                .then().statusCode(200).body("highestHonourLevel", equalTo("PROVINCIAL"))
                .body("honours.title", hasItem("浙江省劳动模范"))
                .body("honours.certificateNumber", hasItem("ZJ-MODEL-WORKER-" + today.getYear() + "-0001")));
    }

    @Test
    void aCityCraftsmanAwardReachesCareServiceAsACase() throws Exception {
        String memberId = FirstPathIT.create("hz-staff", FirstPathIT.member("邱志刚",
                NationalIdNumber.compose("330110", LocalDate.of(1981, 9, 17), 332), "13712345678", "330110"));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String campaign = as("hz-admin").body(Map.of("honourType", "HZ-CRAFTSMAN", "year", LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear(),
                        "title", "杭州工匠选树（端到端）", "totalPlaces", 5, "awardAmount", "10000.00",
                        "nominationOpens", today.minusDays(1).toString(), "nominationCloses", today.plusDays(20).toString(),
                        "quotas", List.of(Map.of("associationCode", "330100", "places", 2))))
                .post("/api/v1/honors/campaigns").then().statusCode(201).extract().path("id");
        Map<String, Object> nomination = Map.of("campaignId", campaign, "memberId", memberId,
                "associationCode", "330100", "employer", "杭州锅炉集团", "sector", "FRONTLINE_WORKER",
                "deeds", "焊接工艺革新，培养高级技师二十名。");
        String nominationId = nominateOnceKnown("hz-staff", nomination);
        // a city's own title is reviewed by the city only
        as("hz-staff").post("/api/v1/honors/nominations/" + nominationId + "/submission").then().statusCode(200)
                .body("reviewLevel", equalTo("CITY"));
        as("hz-admin").body(Map.of("decision", "APPROVE", "opinion", "同意"))
                .post("/api/v1/honors/nominations/" + nominationId + "/reviews").then().statusCode(200)
                .body("state", equalTo("REVIEWED"));
        as("hz-admin").body("{}").post("/api/v1/honors/campaigns/" + campaign + "/public-notice").then()
                .statusCode(200);
        noticeHasEnded(nominationId);
        as("hz-admin").body("{}").post("/api/v1/honors/nominations/" + nominationId + "/approval").then()
                .statusCode(200);
        as("hz-admin").body("{}").post("/api/v1/honors/campaigns/" + campaign + "/conferral").then()
                .statusCode(200).body("[0].certificateNumber", equalTo("HZ-CRAFTSMAN-" + today.getYear() + "-0001"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("hz-staff")
                .get("/api/v1/care/cases?programme=CRAFTSMAN_AWARD&size=200").then().statusCode(200)
                .body("items.find { it.memberId == '" + memberId + "' }.amount", equalTo(10000.00f))
                .body("items.find { it.memberId == '" + memberId + "' }.state", equalTo("PENDING_APPROVAL")));
        as("hu-staff").get("/api/v1/care/cases?size=200").then().statusCode(200)
                .body("items.memberId", org.hamcrest.Matchers.not(hasItem(memberId)));
    }
}
