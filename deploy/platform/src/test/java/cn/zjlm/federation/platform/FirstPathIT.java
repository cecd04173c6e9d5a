package cn.zjlm.federation.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.commons.identity.NationalIdNumber;
import cn.zjlm.federation.local.EventContracts;
import cn.zjlm.federation.local.TopicReader;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The first path of the platform, through the gateway with real tokens, on real infrastructure. */
class FirstPathIT {

    static Map<String, Object> member(String name, String nationalId, String phone, String association) {
        return Map.of("name", name, "gender", "FEMALE", "nationalId", nationalId, "phone", phone,
                "associationCode", association, "sector", "FRONTLINE_WORKER", "employer", "杭州制氧机集团");
    }

    static String create(String user, Map<String, Object> body) {
        return given().baseUri(E2E.gateway()).auth().oauth2(E2E.token(user)).contentType(ContentType.JSON)
                .body(body).when().post("/api/v1/members")
                .then().statusCode(201)
                // through the gateway, the Location names the gateway, not the service behind it
                .header("Location", org.hamcrest.Matchers.startsWith(E2E.gateway() + "/api/v1/members/"))
                .extract().path("id");
    }

    @Test
    void hangzhouRegistersAMemberThatHuzhouCannotSee() {
        String id = create("hz-staff", member("杨丽萍", NationalIdNumber.compose("330122", LocalDate.of(1963, 8, 15), 802),
                "13906541234", "330122"));
        given().baseUri(E2E.gateway()).auth().oauth2(E2E.token("hz-staff")).get("/api/v1/members/" + id)
                .then().statusCode(200).body("associationCode", equalTo("330122"))
                .body("nationalIdMasked", org.hamcrest.Matchers.matchesPattern("3\\*{16}[0-9X]"));
        given().baseUri(E2E.gateway()).auth().oauth2(E2E.token("hu-staff")).get("/api/v1/members/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        given().baseUri(E2E.gateway()).auth().oauth2(E2E.token("hu-staff")).get("/api/v1/members?size=200")
                .then().statusCode(200).body("items.id", not(hasItem(id)))
                .body("items.associationCode", everyItem(startsWith("3305")));
        given().baseUri(E2E.gateway()).auth().oauth2(E2E.token("zj-admin")).get("/api/v1/members/" + id)
                .then().statusCode(200);
    }

    @Test
    void registrationReachesEventsServiceExactlyOnceEvenWhenDeliveredTwice() throws Exception {
        String id = create("hz-staff", member("许文静", NationalIdNumber.compose("330182", LocalDate.of(1970, 3, 21), 604),
                "13705711234", "330182"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(E2E.gateway()).auth().oauth2(E2E.token("hz-staff")).get("/api/v1/events/volunteers/" + id)
                        .then().statusCode(200).body("name", equalTo("许文静")).body("memberVersion", equalTo(0)));

        // Kafka redelivers: put the very same MemberRegistered record on the topic again.
        String bootstrap = E2E.platform().kafka().bootstrapServers();
        var records = TopicReader.await(bootstrap, EventTopics.MEMBER, r -> id.equals(r.key()), 1, Duration.ofSeconds(20));
        assertThat(records).hasSize(1);
        String registered = records.get(0).value();
        assertThat(EventContracts.violations(registered)).isEmpty();
        TopicReader.send(bootstrap, EventTopics.MEMBER, id, registered);

        // A later change on the same key is consumed after the duplicate; once it shows, the duplicate was handled.
        given().baseUri(E2E.gateway()).auth().oauth2(E2E.token("hz-staff")).contentType(ContentType.JSON)
                .header("If-Match", "\"0\"").body(member("许文静", NationalIdNumber.compose("330182",
                        LocalDate.of(1970, 3, 21), 604), "13705711234", "330182"))
                .put("/api/v1/members/" + id).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(E2E.gateway()).auth().oauth2(E2E.token("hz-staff")).get("/api/v1/events/volunteers/" + id)
                        .then().body("memberVersion", equalTo(1)));

        String eventId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(registered).path("id").asText();
        try (Connection c = E2E.platform().postgres().connect("events");
                ResultSet rs = c.createStatement().executeQuery(
                        "select count(*) from processed_event where event_id = '" + eventId + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the registration was applied once").isEqualTo(1);
        }
    }

    @Test
    void servicesRefuseCallsThatBypassTheGatewayWithoutAToken() {
        for (String service : Platform.DATABASES.keySet()) {
            String url = E2E.platform().service(service).url();
            given().baseUri(url).get(service.equals("member-service") ? "/api/v1/members"
                            : service.equals("honors-service") ? "/api/v1/honors/types"
                            : service.equals("care-service") ? "/api/v1/care/programmes" : "/api/v1/events/volunteers")
                    .then().statusCode(401).contentType("application/problem+json");
        }
        given().baseUri(E2E.platform().service("member-service").url()).auth().oauth2(E2E.token("hz-staff"))
                .get("/api/v1/members").then().statusCode(200);
    }

    @Test
    void aGovernmentSystemTokenOnlyReachesWhatItsRoleAllows() {
        String system = E2E.platform().keycloak().clientToken("gov-registry", "gov-registry-demo-secret");
        given().baseUri(E2E.gateway()).auth().oauth2(system).get("/api/v1/associations/330100")
                .then().statusCode(200).body("children.size()", equalTo(13));
        given().baseUri(E2E.gateway()).auth().oauth2(system).get("/api/v1/members")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void demoDataIsSeededAndScoped() {
        assertThat(E2E.demo().created() + E2E.demo().existing()).isEqualTo(DemoData.PEOPLE.size());
        given().baseUri(E2E.gateway()).auth().oauth2(E2E.token("zj-admin")).get("/api/v1/members?size=200")
                .then().statusCode(200).body("total", greaterThanOrEqualTo(DemoData.PEOPLE.size()));
        given().baseUri(E2E.gateway()).auth().oauth2(E2E.token("sx-staff")).get("/api/v1/members?size=200")
                .then().statusCode(200).body("items.associationCode", everyItem(startsWith("3306")))
                .body("items.name", hasItem("俞立新"));
        given().baseUri(E2E.gateway()).auth().oauth2(E2E.token("hz-staff")).get("/api/v1/members?minAge=80&size=200")
                .then().statusCode(200).body("items.name", hasItem("刘志强"));
        given().baseUri(E2E.gateway()).auth().oauth2(E2E.token("lm-chen")).get("/api/v1/members/me")
                .then().statusCode(200).body("name", equalTo("陈建国"))
                .body("honours.title", hasItem("全国劳动模范"));
        // the demo registry holds honours: Hangzhou's national honour holders, not Jiaxing's
        given().baseUri(E2E.gateway()).auth().oauth2(E2E.token("hz-staff")).get("/api/v1/members?honourLevel=NATIONAL&size=200")
                .then().statusCode(200).body("items.name", hasItem("陈建国")).body("items.name", not(hasItem("朱金龙")));
        given().baseUri(E2E.gateway()).auth().oauth2(E2E.token("hz-staff")).get("/api/v1/honors/campaigns")
                .then().statusCode(200).body("title", hasItem(containsString("浙江省劳动模范评选（演示）")));
    }

    @Test
    void badInputThroughTheGatewayIsAProblemInTheCallersLanguage() {
        given().baseUri(E2E.gateway()).auth().oauth2(E2E.token("hz-staff")).header("Accept-Language", "zh-CN")
                .contentType(ContentType.JSON)
                .body(member("错误", "330122196308158020", "12345", "330122"))
                .post("/api/v1/members").then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("输入有误"))
                .body("errors.field", hasItem("phone"));
    }

    @Test
    void theMergedOpenApiDocumentCoversEveryService() {
        given().baseUri(E2E.gateway()).get("/openapi").then().statusCode(200)
                .body("paths.keySet()", hasItem("/api/v1/members"))
                .body("paths.keySet()", hasItem("/api/v1/honors/types"))
                .body("paths.keySet()", hasItem("/api/v1/care/programmes"))
                .body("paths.keySet()", hasItem("/api/v1/events/volunteers"));
        given().baseUri(E2E.gateway()).get("/q/swagger-ui/").then().statusCode(200);
        given().baseUri(E2E.gateway()).get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void noServiceLogsAClearIdNumberOrPhone() throws IOException {
        String nationalId = NationalIdNumber.compose("330108", LocalDate.of(1990, 12, 12), 246);
        String phone = "13588887777";
        create("hz-staff", member("日志检查", nationalId, phone, "330108"));
        // a refused duplicate too: error paths must not log the value either
        given().baseUri(E2E.gateway()).auth().oauth2(E2E.token("hz-staff")).contentType(ContentType.JSON)
                .body(member("日志检查", nationalId, phone, "330108")).post("/api/v1/members").then().statusCode(409);
        try (Stream<Path> logs = Files.list(E2E.platform().settings().logs())) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                String text = Files.readString(log);
                assertThat(text).as(log.getFileName().toString()).doesNotContain(nationalId).doesNotContain(phone);
            }
        }
    }

    @Test
    void aCertificateIssuedByStaffIsVerifiedPubliclyThroughTheGateway() {
        String id = create("sx-staff", member("沈玉芬", NationalIdNumber.compose("330602", LocalDate.of(1960, 10, 1), 402),
                "13600001234", "330602"));
        String honour = given().baseUri(E2E.gateway()).auth().oauth2(E2E.token("sx-staff")).contentType(ContentType.JSON)
                .body(Map.of("category", "CRAFTSMAN", "level", "CITY", "title", "绍兴工匠", "year", 2023))
                .post("/api/v1/members/" + id + "/honours").then().statusCode(201).extract().path("id");
        String code = given().baseUri(E2E.gateway()).auth().oauth2(E2E.token("sx-staff")).contentType(ContentType.JSON)
                .body(Map.of("honourId", honour)).post("/api/v1/members/" + id + "/certificates")
                .then().statusCode(201).extract().path("verificationCode");
        given().baseUri(E2E.gateway()).get("/api/v1/public/certificates/" + code).then().statusCode(200)
                .body("valid", equalTo(true)).body("maskedName", equalTo("沈**")).body("honour", equalTo("绍兴工匠"));
    }
}
