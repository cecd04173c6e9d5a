package cn.zjlm.federation.member;

import static cn.zjlm.federation.member.MemberApiTest.member;
import static cn.zjlm.federation.member.MemberApiTest.newId;
import static cn.zjlm.federation.member.MemberApiTest.register;
import static org.assertj.core.api.Assertions.assertThat;

import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.local.LocalKafka;
import cn.zjlm.federation.local.TestInfrastructure;
import cn.zjlm.federation.local.TestTokens;
import cn.zjlm.federation.local.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxDurabilityTest {
    private static final String HZ = TestTokens.token("hz-staff", "330100", "city-staff");

    @Test
    void changesMadeWhileKafkaIsDownArePublishedOnceItIsBackInOrder() throws Exception {
        LocalKafka kafka = TestInfrastructure.kafka();
        List<String> ids = new ArrayList<>();
        kafka.stop();
        try {
            // The registry keeps working; the events wait in the outbox.
            for (int i = 0; i < 3; i++) {
                ids.add(register(HZ, member("离线" + i, newId(LocalDate.of(1975, 1, 10 + i)), "330100")));
            }
            assertThat(unsent(ids)).isEqualTo(3);
        } finally {
            kafka.restart();
        }
        var records = TopicReader.await(kafka.bootstrapServers(), EventTopics.MEMBER, r -> ids.contains(r.key()), 3,
                Duration.ofSeconds(90));
        assertThat(records).extracting(r -> r.key()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(unsent(ids)).isZero();
    }

    private static int unsent(List<String> ids) throws Exception {
        try (Connection c = TestInfrastructure.postgres().connect("member");
                ResultSet rs = c.createStatement().executeQuery("select count(*) from outbox_event where sent_at is null "
                        + "and record_key in ('" + String.join("','", ids) + "')")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
