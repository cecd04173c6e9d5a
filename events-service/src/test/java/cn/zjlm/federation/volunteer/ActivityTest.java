package cn.zjlm.federation.volunteer;

import static cn.zjlm.federation.volunteer.VolunteerFixtures.HU_STAFF;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.HZ_STAFF;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.XS_STAFF;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.activityJson;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.at;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.attendance;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.created;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.published;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.registered;
import static cn.zjlm.federation.volunteer.VolunteerFixtures.signUp;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.commons.identity.CreditCode;
import cn.zjlm.federation.local.EventContracts;
import cn.zjlm.federation.local.MemberEvents.Member;
import cn.zjlm.federation.local.TestInfrastructure;
import cn.zjlm.federation.local.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ActivityTest {
    private static final String ENTERPRISE = CreditCode.compose("91330109MA2B3C4D5");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode event(UUID subject, String type) throws Exception {
        return event(subject, type, 1);
    }

    /** The {@code nth} event of that type about the subject. */
    private static JsonNode event(UUID subject, String type, int nth) throws Exception {
        var records = TopicReader.await(TestInfrastructure.kafka().bootstrapServers(), EventTopics.VOLUNTEER,
                r -> r.key().equals(subject.toString()) && r.value().contains("\"type\":\"" + type + "\""), nth,
                Duration.ofSeconds(30));
        assertThat(records).hasSize(nth);
        ConsumerRecord<String, String> r = records.get(nth - 1);
        assertThat(EventContracts.violations(r.value())).as(type + " honours its contract").isEmpty();
        return JSON.readTree(r.value());
    }

    @Test
    void anActivityRunsFromDraftToCompletedAndEachStepIsAnnounced() throws Exception {
        String body = activityJson("330109", "助企行·萧山机械", at("2026-04-10T09:00"), at("2026-04-10T12:00"), 10)
                .replace("\"capacity\":10", "\"capacity\":10,\"beneficiaries\":[{\"kind\":\"ENTERPRISE\",\"name\":\"杭州某机械有限公司\","
                        + "\"creditCode\":\"" + ENTERPRISE.toLowerCase() + "\"},{\"kind\":\"SCHOOL\",\"name\":\"萧山职业技术学校\"}]");
        UUID id = created(XS_STAFF, body);
        given().auth().oauth2(XS_STAFF).get("/api/v1/events/activities/" + id).then().statusCode(200)
                .header("ETag", "\"0\"").body("state", equalTo("DRAFT"))
                .body("beneficiaries[0].creditCode", equalTo(ENTERPRISE));
        // A city's staff see their counties' activities.
        given().auth().oauth2(HZ_STAFF).get("/api/v1/events/activities?associationCode=330109&size=200").then()
                .statusCode(200).body("items.id", hasItem(id.toString()));
        // A pattern instead of a code is refused by name, not answered with a 500.
        given().auth().oauth2(HZ_STAFF).get("/api/v1/events/activities?associationCode=3301%25").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("associationCode"));
        // A year-long "activity" is refused: its attendance could count more hours than a record holds.
        given().auth().oauth2(XS_STAFF).contentType("application/json")
                .body(activityJson("330109", "全年服务", at("2025-01-01T08:00"), at("2025-12-31T17:00"), 10))
                .post("/api/v1/events/activities").then().statusCode(400)
                .body("errors[0].field", equalTo("endsAt")).body("errors[0].code", equalTo("events.activity-too-long"));
        // Values JAX-RS cannot read are refused by name, not answered with a bare 404.
        given().auth().oauth2(HZ_STAFF).get("/api/v1/events/activities?state=SOMETIMES").then().statusCode(400)
                .body("errors[0].field", equalTo("state")).body("errors[0].message", containsString("PUBLISHED"));
        given().auth().oauth2(HZ_STAFF).queryParam("to", "+999999999-12-31").get("/api/v1/events/activities").then().statusCode(400)
                .body("errors[0].field", equalTo("to")).body("errors[0].code", equalTo("date.year-range"));
        given().auth().oauth2(HZ_STAFF).get("/api/v1/events/activities/not-an-id").then().statusCode(400)
                .body("errors[0].field", equalTo("id")).body("errors[0].code", equalTo("parameter.uuid"));

        given().auth().oauth2(XS_STAFF).contentType("application/json").body("{}")
                .post("/api/v1/events/activities/" + id + "/completion").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("activity-illegal-transition"));
        given().auth().oauth2(XS_STAFF).post("/api/v1/events/activities/" + id + "/publication").then().statusCode(200)
                .body("state", equalTo("PUBLISHED"));
        JsonNode publishedEvent = event(id, "ActivityPublished");
        assertThat(publishedEvent.path("association").asText()).isEqualTo("330109");
        assertThat(publishedEvent.path("data").path("capacity").asInt()).isEqualTo(10);
        given().auth().oauth2(XS_STAFF).post("/api/v1/events/activities/" + id + "/publication").then().statusCode(409)
                .body("detail", containsString("PUBLISHED"));

        Member a = registered("330109", "萧山钳工");
        Member b = registered("330109", "萧山电工");
        signUp(XS_STAFF, id, a).statusCode(201);
        signUp(XS_STAFF, id, b).statusCode(201);
        attendance(XS_STAFF, id, a, "2026-04-10T08:40:00+08:00", "2026-04-10T11:50:00+08:00").statusCode(200)
                .body("hours", equalTo(2.75f));
        attendance(XS_STAFF, id, b, "2026-04-10T09:30:00+08:00", null).statusCode(200);
        given().auth().oauth2(XS_STAFF).get("/api/v1/events/activities/" + id).then().body("state", equalTo("ONGOING"));

        given().auth().oauth2(XS_STAFF).contentType("application/json")
                .body("{\"problemsSolved\":2,\"suggestionsMade\":4,\"suggestionsAdopted\":5}")
                .post("/api/v1/events/activities/" + id + "/completion").then().statusCode(400)
                .body("errors[0].field", equalTo("suggestionsAdopted"));
        given().auth().oauth2(XS_STAFF).contentType("application/json")
                .body("{\"problemsSolved\":2,\"suggestionsMade\":4,\"suggestionsAdopted\":3,\"peopleReached\":15,"
                        + "\"economicBenefit\":8.5}")
                .post("/api/v1/events/activities/" + id + "/completion").then().statusCode(200)
                .body("state", equalTo("COMPLETED")).body("outcomes.enterprisesServed", equalTo(1));
        JsonNode completed = event(id, "ActivityCompleted").path("data");
        assertThat(completed.path("personTimes").asLong()).isEqualTo(2);
        assertThat(completed.path("hours").asText()).isEqualTo("2.75");
        assertThat(completed.path("outcomes").path("suggestionsAdopted").asInt()).isEqualTo(3);
        JsonNode hours = event(a.id(), "VolunteerHoursRecorded").path("data");
        assertThat(hours.path("hours").asText()).isEqualTo("2.75");
        assertThat(hours.path("activityId").asText()).isEqualTo(id.toString());

        // Staff add the departure they missed: the totals announced are sent again as they now stand.
        attendance(XS_STAFF, id, b, "2026-04-10T09:30:00+08:00", "2026-04-10T10:30:00+08:00").statusCode(200)
                .body("hours", equalTo(1.0f));
        JsonNode corrected = event(id, "ActivityCompleted", 2).path("data");
        assertThat(corrected.path("personTimes").asLong()).isEqualTo(2);
        assertThat(corrected.path("hours").asText()).isEqualTo("3.75");
        assertThat(corrected.path("outcomes").path("suggestionsAdopted").asInt()).isEqualTo(3);

        given().auth().oauth2(XS_STAFF).contentType("application/json").body("{\"reason\":\"改期\"}")
                .post("/api/v1/events/activities/" + id + "/cancellation").then().statusCode(409);
    }

    @Test
    void cancellingAnActivityCancelsEverySignUpAndNamesTheMembersInTheEvent() throws Exception {
        Member a = registered("330102", "取消甲");
        Member b = registered("330102", "取消乙");
        UUID id = published(HZ_STAFF, "330100", "因台风取消", at("2027-09-10T09:00"), at("2027-09-10T11:00"), 1);
        signUp(HZ_STAFF, id, a).statusCode(201);
        signUp(HZ_STAFF, id, b).statusCode(201).body("status", equalTo("WAITING"));
        given().auth().oauth2(HZ_STAFF).contentType("application/json").body("{\"reason\":\"台风预警\"}")
                .post("/api/v1/events/activities/" + id + "/cancellation").then().statusCode(200)
                .body("state", equalTo("CANCELLED")).body("enrolled", equalTo(0)).body("waiting", equalTo(0));
        JsonNode data = event(id, "ActivityCancelled").path("data");
        assertThat(data.path("reason").asText()).isEqualTo("台风预警");
        assertThat(data.path("affectedMemberIds").toString()).contains(a.id().toString(), b.id().toString());
        given().auth().oauth2(HZ_STAFF).get("/api/v1/events/activities/" + id + "/signups").then()
                .body("cancelReason", hasItem(containsString("台风预警")));
        signUp(HZ_STAFF, id, a).statusCode(409).body("code", equalTo("activity-not-open"));
    }

    @Test
    void changesNeedTheCurrentVersionAndCapacityCannotDropBelowThePlacesTaken() throws Exception {
        Member a = registered("330102", "容量甲");
        Member b = registered("330102", "容量乙");
        Member c = registered("330102", "容量丙");
        String json = activityJson("330100", "容量调整", at("2027-11-01T09:00"), at("2027-11-01T11:00"), 2);
        UUID id = published(HZ_STAFF, "330100", "容量调整", at("2027-11-01T09:00"), at("2027-11-01T11:00"), 2);
        signUp(HZ_STAFF, id, a).statusCode(201);
        signUp(HZ_STAFF, id, b).statusCode(201);
        signUp(HZ_STAFF, id, c).statusCode(201).body("status", equalTo("WAITING"));
        String etag = given().auth().oauth2(HZ_STAFF).get("/api/v1/events/activities/" + id).then().extract()
                .header("ETag");

        given().auth().oauth2(HZ_STAFF).contentType("application/json").body(json)
                .put("/api/v1/events/activities/" + id).then().statusCode(428);
        given().auth().oauth2(HZ_STAFF).contentType("application/json").header("If-Match", "\"99\"").body(json)
                .put("/api/v1/events/activities/" + id).then().statusCode(412);
        given().auth().oauth2(HZ_STAFF).contentType("application/json").header("If-Match", etag)
                .body(json.replace("\"capacity\":2", "\"capacity\":1")).put("/api/v1/events/activities/" + id).then()
                .statusCode(409).body("code", equalTo("capacity-below-enrolled"));
        given().auth().oauth2(HZ_STAFF).contentType("application/json").header("If-Match", etag)
                .body(json.replace("\"capacity\":2", "\"capacity\":3")).put("/api/v1/events/activities/" + id).then()
                .statusCode(200).body("enrolled", equalTo(3)).body("waiting", equalTo(0))
                .header("ETag", not(equalTo(etag)));
        // announced again as changed: the channels that showed it show the new capacity
        assertThat(event(id, "ActivityPublished", 2).path("data").path("capacity").asInt()).isEqualTo(3);
    }

    @Test
    void badInputIsRefusedFieldByField() {
        String ok = activityJson("330100", "校验", at("2027-01-10T09:00"), at("2027-01-10T11:00"), 5);
        given().auth().oauth2(HZ_STAFF).contentType("application/json").header("Accept-Language", "zh-CN")
                .body(ok.replace("\"capacity\":5", "\"capacity\":5,\"beneficiaries\":[{\"kind\":\"ENTERPRISE\","
                        + "\"name\":\"某公司\",\"creditCode\":\"91330109MA2B3C4D5X\"}]"))
                .post("/api/v1/events/activities").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("beneficiaries[0].creditCode"));
        given().auth().oauth2(HZ_STAFF).contentType("application/json")
                .body(ok.replace("\"capacity\":5", "\"capacity\":5,\"beneficiaries\":[{\"kind\":\"ENTERPRISE\",\"name\":\"某公司\"}]"))
                .post("/api/v1/events/activities").then().statusCode(400)
                .body("errors[0].code", equalTo("events.credit-code-required"));
        // apart by less than a microsecond: equal as PostgreSQL stores them (was a 500 from its check constraint)
        given().auth().oauth2(HZ_STAFF).contentType("application/json")
                .body(ok.replace("\"2027-01-10T09:00+08:00\"", "\"2027-01-10T09:00:00.0000001+08:00\"")
                        .replace("\"2027-01-10T11:00+08:00\"", "\"2027-01-10T09:00:00.0000004+08:00\""))
                .post("/api/v1/events/activities").then().statusCode(400).body("errors[0].field", equalTo("endsAt"));
        given().auth().oauth2(HZ_STAFF).contentType("application/json").body(ok.replace("TECHNICAL_SERVICE", "PARTY"))
                .post("/api/v1/events/activities").then().statusCode(400).body("errors[0].field", equalTo("kind"));
        given().auth().oauth2(HZ_STAFF).contentType("application/json")
                .body(activityJson("330100", "倒序", at("2027-01-10T11:00"), at("2027-01-10T09:00"), 5))
                .post("/api/v1/events/activities").then().statusCode(400).body("errors[0].field", equalTo("endsAt"));
        given().auth().oauth2(HZ_STAFF).contentType("application/json").body(ok.replace("330100", "330500"))
                .post("/api/v1/events/activities").then().statusCode(400)
                .body("errors[0].field", equalTo("associationCode"));
        given().auth().oauth2(HZ_STAFF).contentType("application/json").body(ok.replace("\"capacity\":5", "\"capacity\":0"))
                .post("/api/v1/events/activities").then().statusCode(400).body("errors[0].field", equalTo("capacity"));
        String huzhouTeam = given().auth().oauth2(HU_STAFF).contentType("application/json")
                .body("{\"associationCode\":\"330500\",\"name\":\"湖州技术服务队-" + UUID.randomUUID()
                        + "\",\"specialty\":\"TECHNICAL_SERVICE\"}")
                .post("/api/v1/events/teams").then().statusCode(201).extract().path("id");
        given().auth().oauth2(HZ_STAFF).contentType("application/json")
                .body(ok.replace("\"capacity\":5", "\"capacity\":5,\"teamIds\":[\"" + huzhouTeam + "\"]"))
                .post("/api/v1/events/activities").then().statusCode(400).body("errors[0].field", equalTo("teamIds"));
    }
}
