package cn.zjlm.federation.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zjlm.federation.commons.identity.NationalIdNumber;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The objects the authorization matrix is checked on, created through the gateway as the people who own
 * them: 萧山区 (330109) members, honours, certificates, nominations, activities, cases…, and one 杭州市 campaign
 * (counties do not run campaigns). Path parameters and request bodies name them by key.
 */
final class AuthorizationFixtures {
    static final String COUNTY = "330109";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** "${key}" inside text; a whole text "#{key}" stands for the fixture's JSON (a number, an object). */
    private static final Pattern TEXT = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");
    private static final Pattern WHOLE = Pattern.compile("#\\{([A-Za-z0-9]+)}");
    private static final Pattern PATH_PARAMETER = Pattern.compile("([^/]+)/\\{([A-Za-z]+)}");
    /** Which fixture a path parameter names, by the segment before it and its name. */
    private static final Map<String, String> PATH_KEYS = Map.ofEntries(
            Map.entry("members/{id}", "member"), Map.entry("members/{memberId}", "member"),
            Map.entry("transfers/{transferId}", "transfer"), Map.entry("attachments/{attachmentId}", "attachment"),
            Map.entry("certificates/{certificateId}", "certificate"), Map.entry("honours/{honourId}", "honour"),
            Map.entry("imports/{id}", "import"), Map.entry("associations/{code}", "association"),
            Map.entry("certificates/{code}", "certificateCode"), Map.entry("calendar/{year}", "year"),
            Map.entry("campaigns/{id}", "campaign"), Map.entry("nominations/{id}", "nomination"),
            Map.entry("objections/{objectionId}", "objection"), Map.entry("notices/{nominationId}", "nomination"),
            Map.entry("studios/{id}", "studio"), Map.entry("outcomes/{year}", "year"),
            Map.entry("types/{code}", "honourType"), Map.entry("activities/{id}", "activity"),
            Map.entry("signups/{memberId}", "member"), Map.entry("signups/{activityId}", "activity"),
            Map.entry("hours/{id}", "hours"), Map.entry("needs/{id}", "need"), Map.entry("teams/{id}", "team"),
            Map.entry("volunteers/{memberId}", "member"), Map.entry("calendar/{associationCode}", "association"),
            Map.entry("budgets/{id}", "budget"), Map.entry("cases/{id}", "case"), Map.entry("cycles/{id}", "cycle"),
            Map.entry("hospital-stays/{id}", "hospitalStay"), Map.entry("petitions/{id}", "petition"),
            Map.entry("programmes/{code}", "programme"), Map.entry("trips/{id}", "trip"),
            Map.entry("enrolments/{memberId}", "member"));
    /** Objects owned by 萧山区 or 杭州市 whose ids other-city staff must never see. */
    private static final List<String> SCOPED = List.of("member", "member2", "transferMember", "attachment",
            "certificate", "honour", "transfer", "import", "campaign", "nomination", "objection", "studio", "team",
            "activity", "need", "hours", "case", "cycle", "petition", "trip", "hospitalStay");

    private AuthorizationFixtures() {
    }

    static String path(String template, Map<String, String> fixtures) {
        if (template.startsWith("/api/v1/members/me/certificates/")) {
            return template.replace("{certificateId}", fixtures.get("ownCertificate"));
        }
        Matcher m = PATH_PARAMETER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = PATH_KEYS.get(m.group(1) + "/{" + m.group(2) + "}");
            assertThat(key).as("which fixture " + m.group() + " of " + template + " names").isNotNull();
            assertThat(fixtures).as("fixtures").containsKey(key);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "/" + fixtures.get(key)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String fill(String text, Map<String, String> fixtures) {
        Matcher m = TEXT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            assertThat(fixtures).as("fixture of " + text).containsKey(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(fixtures.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The request body: JSON with its placeholders filled, or the bytes an upload needs. */
    static Optional<Object> body(String contentType, JsonNode template, Map<String, String> fixtures) {
        if (contentType.startsWith("text/csv")) {
            return Optional.of(fixtures.get("importCsv").getBytes(StandardCharsets.UTF_8));
        }
        if (contentType.startsWith("application/pdf") || contentType.startsWith("image/")) {
            return Optional.of(PDF);
        }
        if (template.isMissingNode() || template.isNull()) {
            return Optional.empty();
        }
        return Optional.of(filled(template.deepCopy(), fixtures).toString());
    }

    private static JsonNode filled(JsonNode node, Map<String, String> fixtures) {
        if (node.isTextual()) {
            Matcher whole = WHOLE.matcher(node.asText());
            try {
                return whole.matches() ? JSON.readTree(fixtures.get(whole.group(1)))
                        : JSON.getNodeFactory().textNode(fill(node.asText(), fixtures));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> object.set(name, filled(object.get(name), fixtures)));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, filled(array.get(i), fixtures));
            }
        }
        return node;
    }

    static List<String> scopedIds(Map<String, String> fixtures) {
        return SCOPED.stream().map(fixtures::get).toList();
    }

    static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    private static RequestSpecification as(String user) {
        RequestSpecification call = given().baseUri(E2E.gateway()).contentType(ContentType.JSON);
        return user == null ? call : call.auth().oauth2(E2E.token(user));
    }

    private static String created(Response response, String what) {
        assertThat(response.statusCode()).as(what + ": " + response.asString()).isBetween(200, 202);
        Object id = response.path("id");
        return String.valueOf(id);
    }

    /** Retries while another service has not yet learnt of the member (its event is on the way). */
    private static Response once(java.util.function.Supplier<Response> call, int... accepted) {
        Response[] last = new Response[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            last[0] = call.get();
            return java.util.Arrays.stream(accepted).anyMatch(s -> s == last[0].statusCode());
        });
        return last[0];
    }

    /** Another fixture where an allowed caller's call used up the previous one (a discharge, a cancellation…). */
    static Optional<String> renew(String operation, Map<String, String> f) {
        Response renewed = switch (operation) {
            case "POST /api/v1/care/members/{memberId}/hospital-stays/{id}/discharge" -> {
                Response r = as("xs-staff").body(Map.of("admittedOn", f.get("today"), "hospital", "杭州市萧山区第一人民医院"))
                        .post("/api/v1/care/members/" + f.get("member") + "/hospital-stays");
                f.put("hospitalStay", String.valueOf((Object) r.path("id")));
                yield r;
            }
            case "POST /api/v1/events/teams/{id}/members/{memberId}/departure" -> as("xs-staff")
                    .body(Map.of("memberId", f.get("member"))).post("/api/v1/events/teams/" + f.get("team") + "/members");
            case "POST /api/v1/care/trips/{id}/enrolments/{memberId}/withdrawal" -> as("xs-staff")
                    .body(Map.of("memberId", f.get("member"))).post("/api/v1/care/trips/" + f.get("trip") + "/enrolments");
            default -> null;
        };
        return renewed == null || renewed.statusCode() / 100 == 2 ? Optional.empty()
                : Optional.of("renewing the fixture of " + operation + ": " + renewed.statusCode() + " " + renewed.asString());
    }

    private static int sets;

    /** A new set of objects; each check gets its own, so one's writes do not change what another sees. */
    static synchronized Map<String, String> create() throws Exception {
        return create(sets++);
    }

    private static Map<String, String> create(int set) throws Exception {
        int n = 100 * set; // keeps ID numbers, names and periods apart between sets
        Map<String, String> f = new HashMap<>();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        int year = today.getYear();
        f.put("today", today.toString());
        // A day ahead, its own per set and clear of the other end-to-end tests' activities (no overlapping places).
        f.put("tomorrow", today.plusDays(4 + set).toString());
        f.put("year", Integer.toString(year));
        f.put("association", COUNTY);
        f.put("programme", "SPRING_FESTIVAL");
        f.put("honourType", "ZJ-MODEL-WORKER");

        // Members (odd sequence: male, as the bodies say), once every service has learnt of them.
        f.put("nationalId", NationalIdNumber.compose(COUNTY, LocalDate.of(1975, 6, 18), 731 + n));
        f.put("newNationalId", NationalIdNumber.compose(COUNTY, LocalDate.of(1990, 9, 9), 733 + n));
        f.put("member", created(as("xs-staff").body(Map.of("name", "矩阵会员甲", "gender", "MALE", "nationalId",
                f.get("nationalId"), "phone", "13812340001", "employer", "杭州萧山机械厂", "sector", "FRONTLINE_WORKER",
                "occupation", "钳工", "associationCode", COUNTY, "status", "IN_SERVICE")).post("/api/v1/members"), "member"));
        f.put("member2", created(as("xs-staff").body(FirstPathIT.member("矩阵会员乙",
                NationalIdNumber.compose(COUNTY, LocalDate.of(1980, 3, 2), 742 + n), "13812340002", COUNTY))
                .post("/api/v1/members"), "member2"));
        f.put("transferMember", created(as("xs-staff").body(FirstPathIT.member("矩阵会员丙",
                NationalIdNumber.compose(COUNTY, LocalDate.of(1968, 11, 11), 744 + n), "13812340003", COUNTY))
                .post("/api/v1/members"), "transferMember"));
        for (String member : List.of(f.get("member"), f.get("member2"))) {
            once(() -> as("xs-staff").get("/api/v1/events/volunteers/" + member), 200);
            once(() -> as("xs-staff").get("/api/v1/care/members/" + member + "/visits"), 200);
        }

        // Honours and certificates: one to keep (it qualifies for Spring Festival care), one the matrix may revoke.
        created(as("xs-staff").body(Map.of("category", "MODEL_WORKER", "level", "CITY", "title", "杭州市劳动模范",
                "conferringBody", "杭州市人民政府", "year", 2020)).post("/api/v1/members/" + f.get("member") + "/honours"), "honour");
        f.put("honour", created(as("xs-staff").body(Map.of("category", "CRAFTSMAN", "level", "COUNTY", "title", "萧山工匠",
                "conferringBody", "萧山区总工会", "year", 2023)).post("/api/v1/members/" + f.get("member") + "/honours"), "honour"));
        Response certificate = as("xs-staff").body(Map.of("honourId", f.get("honour")))
                .post("/api/v1/members/" + f.get("member") + "/certificates");
        f.put("certificate", created(certificate, "certificate"));
        f.put("certificateCode", certificate.path("verificationCode"));
        String chen = as("lm-chen").get("/api/v1/members/me").then().statusCode(200).extract().path("id");
        f.put("ownHonour", created(as("xs-staff").body(Map.of("category", "MODEL_WORKER", "level", "CITY", "title",
                "杭州市劳动模范", "year", 2015 - set)).post("/api/v1/members/" + chen + "/honours"), "own honour"));
        f.put("ownCertificate", created(as("lm-chen").body(Map.of("honourId", f.get("ownHonour")))
                .post("/api/v1/members/me/certificates"), "own certificate"));
        f.put("attachment", created(as("xs-staff").contentType("application/pdf").header("X-File-Name", "form.pdf")
                .queryParam("kind", "REGISTRATION_FORM").body(PDF)
                .post("/api/v1/members/" + f.get("member") + "/attachments"), "attachment"));
        f.put("transfer", created(as("xs-staff").body(Map.of("toAssociation", "330110", "reason", "工作调动至余杭区"))
                .post("/api/v1/members/" + f.get("transferMember") + "/transfers"), "transfer"));
        f.put("importCsv", "姓名,性别,出生日期,身份证号码,联系电话,所属协会代码,人员类别\n矩阵导入,男,1985-05-05,"
                + NationalIdNumber.compose(COUNTY, LocalDate.of(1985, 5, 5), 751 + n) + ",13812340005," + COUNTY + ",一线工人\n");
        f.put("import", created(as("xs-staff").contentType("text/csv").header("X-File-Name", "registration.csv")
                .queryParam("mode", "dry-run").body(f.get("importCsv").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/members/imports"), "import"));

        // Honours: a 杭州市 campaign, a 萧山区 nomination taken through review into public notice, an objection.
        f.put("campaign", created(as("hz-admin").body(Map.of("honourType", "HZ-MODEL-WORKER", "associationCode", "330100",
                "year", year, "title", "杭州市劳动模范评选（权限矩阵" + set + "）", "totalPlaces", 10,
                "nominationOpens", today.minusDays(1).toString(), "nominationCloses", today.plusDays(20).toString(),
                "quotas", List.of(Map.of("associationCode", "330100", "places", 5)), "rules", List.of(Map.of("rule", "IN_SERVICE"))))
                .post("/api/v1/honors/campaigns"), "campaign"));
        Map<String, Object> nomination = Map.of("campaignId", f.get("campaign"), "associationCode", COUNTY,
                "memberId", f.get("member"), "employer", "杭州萧山机械厂", "sector", "FRONTLINE_WORKER",
                "deeds", "主持空分设备国产化攻关，获省科技进步奖。");
        f.put("nomination", created(once(() -> as("hz-staff").body(nomination).post("/api/v1/honors/nominations"), 201),
                "nomination"));
        String nominationPath = "/api/v1/honors/nominations/" + f.get("nomination");
        as("hz-staff").post(nominationPath + "/submission").then().statusCode(200);
        Map<String, String> approve = Map.of("decision", "APPROVE", "opinion", "同意推荐");
        as("xs-staff").body(approve).post(nominationPath + "/reviews").then().statusCode(200);
        as("hz-admin").body(approve).post(nominationPath + "/reviews").then().statusCode(200);
        as("hz-admin").body("{}").post("/api/v1/honors/campaigns/" + f.get("campaign") + "/public-notice").then().statusCode(200);
        f.put("objection", String.valueOf((Object) as(null).body(Map.of("contactName", "王某", "contactPhone", "13800001111",
                "content", "其申报的技术成果与实际情况不符。")).post("/api/v1/public/honors/notices/" + f.get("nomination") + "/objections")
                .then().statusCode(201).extract().path("objectionId")));
        f.put("studio", created(as("xs-staff").body(Map.of("kind", "INNOVATION_STUDIO", "name", "俞建明劳模创新工作室（权限矩阵" + set + "）",
                "associationCode", COUNTY, "hostUnit", "萧山供电公司", "leaderName", "俞建明")).post("/api/v1/honors/studios"), "studio"));
        f.put("calendar", as("zj-admin").get("/api/v1/honors/calendar/" + year).then().statusCode(200).extract().asString());

        // Volunteering.
        f.put("team", created(as("xs-staff").body(Map.of("associationCode", COUNTY, "name", "萧山区劳模工匠技术服务队（权限矩阵" + set + "）",
                "specialty", "TECHNICAL_SERVICE", "leaderId", f.get("member"))).post("/api/v1/events/teams"), "team"));
        String tomorrow = f.get("tomorrow");
        f.put("activity", created(as("xs-staff").body(Map.of("associationCode", COUNTY, "kind", "LECTURE",
                "title", "劳模宣讲进社区（权限矩阵）", "startsAt", tomorrow + "T14:00:00+08:00", "endsAt", tomorrow + "T16:00:00+08:00",
                "place", "萧山区城厢街道文化家园", "capacity", 30)).post("/api/v1/events/activities"), "activity"));
        String activityPath = "/api/v1/events/activities/" + f.get("activity");
        as("xs-staff").post(activityPath + "/publication").then().statusCode(200);
        once(() -> as("xs-staff").body(Map.of("memberId", f.get("member"))).post(activityPath + "/signups"), 201);
        as("lm-chen").body(Map.of("activityId", f.get("activity"))).post("/api/v1/events/me/signups").then().statusCode(201);
        f.put("attendanceCode", as("xs-staff").body(Map.of("purpose", "CHECK_IN", "validMinutes", 480))
                .post(activityPath + "/attendance-codes").then().statusCode(201).extract().path("code"));
        f.put("need", created(as("xs-staff").body(Map.of("associationCode", COUNTY, "enterpriseName", "杭州萧山某新材料有限公司",
                "creditCode", "91330109MA2M3N4P55", "title", "涂布线张力波动导致良品率下降", "description", "寻求设备调试与工艺改进方面的技术支持"))
                .post("/api/v1/events/needs"), "need"));
        f.put("hours", created(as("lm-chen").body(Map.of("workDate", f.get("today"), "hours", 1.5, "description", "电话解答企业工艺问题"))
                .post("/api/v1/events/me/hours"), "hours"));

        // Care.
        f.put("budget", created(as("hz-admin").body(Map.of("associationCode", COUNTY, "programme", "SPECIAL_HARDSHIP",
                "year", year + set, "amount", 100000.00)).post("/api/v1/care/budgets"), "budget"));
        f.put("case", created(once(() -> as("xs-staff").body(Map.of("programme", "SPRING_FESTIVAL", "memberId", f.get("member"),
                "period", Integer.toString(year))).post("/api/v1/care/cases"), 201), "case"));
        f.put("cycle", created(as("xs-staff").body(Map.of("programme", "SPRING_FESTIVAL", "period", year + "-CYCLE" + set,
                "associationCode", COUNTY)).post("/api/v1/care/cycles"), "cycle"));
        f.put("petition", created(as("xs-staff").body(Map.of("associationCode", COUNTY, "channel", "CALL", "category",
                "HONOUR_CERTIFICATE", "petitionerName", "陶阿姨", "phone", "13857512345", "summary", "询问劳模证明开具流程",
                "receivedOn", f.get("today"))).post("/api/v1/care/petitions"), "petition"));
        f.put("trip", created(as("xs-staff").body(Map.of("associationCode", COUNTY, "route", "杭州临安 天目山疗休养基地",
                "batch", "权限矩阵" + set, "startsOn", tomorrow, "endsOn", LocalDate.parse(tomorrow).plusDays(4).toString(), "capacity", 10, "restYears", 3))
                .post("/api/v1/care/trips"), "trip"));
        as("xs-staff").body(Map.of("memberId", f.get("member"))).post("/api/v1/care/trips/" + f.get("trip") + "/enrolments")
                .then().statusCode(201);
        f.put("hospitalStay", created(as("xs-staff").body(Map.of("admittedOn", f.get("today"), "hospital", "杭州市萧山区第一人民医院"))
                .post("/api/v1/care/members/" + f.get("member") + "/hospital-stays"), "hospital stay"));
        as("xs-staff").body(Map.of("accountHolder", "矩阵会员甲", "bankName", "中国工商银行杭州萧山支行",
                "accountNumber", "6222021202012345678")).put("/api/v1/care/members/" + f.get("member") + "/payee-account")
                .then().statusCode(200);
        return f;
    }
}
