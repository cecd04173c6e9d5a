package cn.zjlm.federation.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zjlm.federation.commons.persistence.CopyIn;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

/** Commons CopyIn on a real PostgreSQL: rows copied in the transaction, the connection's settings left as found. */
@QuarkusTest
class BulkCopyTest {
    private static final List<String> COLUMNS = List.of("member_id", "association_code", "name", "birth_date", "status",
            "sector", "national_id_index", "honours", "member_version", "updated_at");

    @Inject
    EntityManager em;

    private CopyIn copy() {
        return new CopyIn(em.unwrap(Session.class), "care_member", COLUMNS, 2);
    }

    private static Object[] row(UUID id, String index) {
        return new Object[] {id, "330681", "复制,测试", "1960-01-01", "RETIRED", "FRONTLINE_WORKER", index, "[]", 1,
                Instant.now()};
    }

    private String planCacheMode() {
        return (String) em.createNativeQuery("select current_setting('plan_cache_mode')").getSingleResult();
    }

    @Test
    void rowsAreCopiedInTheTransactionAndThePlanCacheModeIsRestoredAfterwards() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            String before = planCacheMode();
            CopyIn copy = copy();
            copy.row(row(first, "%064x".formatted(first.getMostSignificantBits() & Long.MAX_VALUE)));
            copy.row(row(second, "%064x".formatted(second.getMostSignificantBits() & Long.MAX_VALUE)));
            copy.row(row(third, "%064x".formatted(third.getMostSignificantBits() & Long.MAX_VALUE)));
            assertThat(copy.flush()).isEqualTo(3);
            // the services plan every statement with its values (commons config); COPY ran with the default only
            assertThat(before).isEqualTo("force_custom_plan");
            assertThat(planCacheMode()).isEqualTo(before);
        });
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("delete from care_member "
                + "where member_id in (?1, ?2, ?3) and name = '复制,测试'").setParameter(1, first).setParameter(2, second)
                .setParameter(3, third).executeUpdate())).as("copied, then removed for the other tests' counts").isEqualTo(3);
    }

    @Test
    void aFailedCopyReportsPostgreSQLsReasonAndWritesNothing() {
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            CopyIn copy = copy();
            copy.row(row(id, "a".repeat(64)));
            copy.row(row(id, "b".repeat(64))); // the same primary key twice
            copy.flush();
        })).hasStackTraceContaining("duplicate key value violates unique constraint");
        assertThat(((Number) em.createNativeQuery("select count(*) from care_member where member_id = ?1")
                .setParameter(1, id).getSingleResult()).intValue()).isZero();
    }
}
