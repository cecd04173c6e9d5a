package cn.zjlm.federation.honors;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zjlm.federation.commons.metrics.BusinessGauges;
import cn.zjlm.federation.local.ScrapedMetrics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BusinessMetricsTest {
    @Inject
    BusinessGauges gauges;

    @Test
    void nominationsByStateCountTheDatabase() {
        String campaign = HonorsFixtures.openCampaign(Map.of("330100", 3), List.of());
        UUID member = HonorsFixtures.registeredMember("金海燕", "330100", "FRONTLINE_WORKER");
        gauges.refresh();
        double drafts = ScrapedMetrics.figure("federation_nominations", "state", "DRAFT");

        HonorsFixtures.draft(HonorsFixtures.HZ_STAFF,
                HonorsFixtures.nominationOf(campaign, member, "330100", "FRONTLINE_WORKER"));
        gauges.refresh();

        assertThat(ScrapedMetrics.figure("federation_nominations", "state", "DRAFT")).isEqualTo(drafts + 1);
    }
}
