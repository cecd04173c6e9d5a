package cn.zjlm.federation.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zjlm.federation.commons.metrics.BusinessGauges;
import cn.zjlm.federation.local.ScrapedMetrics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BusinessMetricsTest {
    @Inject
    BusinessGauges gauges;

    @Test
    void activitiesByStateCountTheDatabase() {
        gauges.refresh();
        double drafts = ScrapedMetrics.figure("federation_activities", "state", "DRAFT");
        OffsetDateTime start = OffsetDateTime.now().plusDays(20).withNano(0);

        VolunteerFixtures.created(VolunteerFixtures.HZ_STAFF,
                VolunteerFixtures.activityJson("330100", "技能大师进社区", start, start.plusHours(3), 10));
        gauges.refresh();

        assertThat(ScrapedMetrics.figure("federation_activities", "state", "DRAFT")).isEqualTo(drafts + 1);
    }
}
