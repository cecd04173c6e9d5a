package cn.zjlm.federation.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cn.zjlm.federation.commons.metrics.BusinessGauges;
import cn.zjlm.federation.local.ScrapedMetrics;
import cn.zjlm.federation.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BusinessMetricsTest {
    @Inject
    BusinessGauges gauges;

    @Test
    void membersByStatusCountTheRegistry() {
        gauges.refresh();
        double before = ScrapedMetrics.figure("federation_members", "status", "IN_SERVICE");
        String status = given().auth().oauth2(TestTokens.token("hz-staff", "330100", "city-staff"))
                .contentType(ContentType.JSON)
                .body(MemberApiTest.member("程晓东", MemberApiTest.newId(LocalDate.of(1975, 3, 9)), "330106"))
                .post("/api/v1/members").then().statusCode(201).extract().path("status");
        gauges.refresh();

        assertThat(status).isEqualTo("IN_SERVICE");

        assertThat(ScrapedMetrics.figure("federation_members", "status", status)).isEqualTo(before + 1);
    }
}
