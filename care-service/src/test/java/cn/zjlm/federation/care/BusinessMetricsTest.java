package cn.zjlm.federation.care;

import static cn.zjlm.federation.care.CareFixtures.NATIONAL_MODEL_WORKER;
import static cn.zjlm.federation.care.CareFixtures.SX_STAFF;
import static cn.zjlm.federation.care.CareFixtures.member;
import static cn.zjlm.federation.care.CareFixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;

import cn.zjlm.federation.commons.metrics.BusinessGauges;
import cn.zjlm.federation.local.ScrapedMetrics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BusinessMetricsTest {
    @Inject
    BusinessGauges gauges;

    @Test
    void entitlementsByStateCountTheDatabase() {
        var m = registered(member("330602", "钱秀英"), NATIONAL_MODEL_WORKER);
        gauges.refresh();
        double pending = ScrapedMetrics.figure("federation_entitlements", "state", "PENDING_APPROVAL");

        String state = CareCaseTest.apply(SX_STAFF, CareCaseTest.topUp(m.id(), "2030", "50000.00"))
                .then().statusCode(201).extract().path("state");
        gauges.refresh();

        assertThat(state).isEqualTo("PENDING_APPROVAL");
        assertThat(ScrapedMetrics.figure("federation_entitlements", "state", state)).isEqualTo(pending + 1);
    }
}
