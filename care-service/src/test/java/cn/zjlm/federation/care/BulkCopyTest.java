package cn.zjlm.federation.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zjlm.federation.care.domain.CareMember;
import cn.zjlm.federation.commons.persistence.CopyIn;
import cn.zjlm.federation.commons.persistence.ReadAhead;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

/**
 * Commons CopyIn and ReadAhead on a real PostgreSQL: rows copied in the transaction, buffered or streamed, the
 * connection's settings left as found, a failure half-way leaving nothing behind; rows read ahead on another
 * connection while the COPY holds the transaction's.
 */
@QuarkusTest
class BulkCopyTest {
    private static final List<String> COLUMNS = List.of("member_id", "association_code", "name", "birth_date", "status",
            "sector", "national_id_index", "honours", "member_version", "updated_at");

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

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
            Object[] awkward = row(third, "%064x".formatted(third.getMostSignificantBits() & Long.MAX_VALUE));
            awkward[5] = ""; // empty, not NULL
            awkward[7] = "[{\"title\":\"C:\\\\路径\\t\\\\N\"}]";
            copy.row(awkward);
            assertThat(copy.flush()).isEqualTo(3);
            Object[] back = (Object[]) em.createNativeQuery("select sector, honours::text, name from care_member "
                    + "where member_id = ?1").setParameter(1, third).getSingleResult();
            assertThat(back[0]).isEqualTo("");
            assertThat(back[1]).isEqualTo("[{\"title\": \"C:\\\\路径\\t\\\\N\"}]"); // jsonb's spacing
            assertThat(back[2]).isEqualTo("复制,测试");
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

    private static String index(UUID id) {
        return "%064x".formatted(id.getMostSignificantBits() & Long.MAX_VALUE);
    }

    private static Object[] named(String name) {
        UUID id = UUID.randomUUID();
        Object[] row = row(id, index(id));
        row[2] = name;
        return row;
    }

    private long copiedRows(String name) {
        return ((Number) em.createNativeQuery("select count(*) from care_member where name = ?1").setParameter(1, name)
                .getSingleResult()).longValue();
    }

    /** Backends, other than the caller's, running a COPY into care_member or the read-ahead's query. */
    private long busyBackends(String like) {
        return CompletableFuture.supplyAsync(() -> { // a thread without a transaction: a connection of its own
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where state <> 'idle' "
                            + "and pid <> pg_backend_pid() and query like '" + like + "'")) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }).join();
    }

    private ReadAhead<CareMember> readAhead(String query, Map<String, Object> parameters, int batchSize) {
        return ReadAhead.start(em.unwrap(Session.class).getSessionFactory(), dataSource, CareMember.class, query,
                parameters, batchSize);
    }

    @Test
    void aStreamingCopySendsRowsAsTheyComeWhileRowsAreReadAheadOnAnotherConnection() {
        String name = "流式\t复制";
        List<String> read = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            // a chunk of one character: each row is sent at once, so the COPY is open from the first row on
            try (CopyIn copy = CopyIn.streaming(em.unwrap(Session.class), "care_member", COLUMNS, 1);
                    ReadAhead<CareMember> members = readAhead("from CareMember where name = :name order by memberId",
                            Map.of("name", name), 2)) {
                for (int i = 0; i < 7; i++) {
                    Object[] row = named(name);
                    row[5] = "a\\b\tc\nd\re \"f\""; // every character COPY's text format escapes, and a quote
                    ids.add((UUID) row[0]);
                    copy.row(row);
                }
                assertThat(busyBackends("copy care_member%")).as("the COPY open while rows are read").isEqualTo(1);
                // another connection: the rows being copied are not committed, so the reader cannot see them
                members.forEachRemaining(m -> read.add(m.name));
                assertThat(copy.flush()).isEqualTo(7);
            }
            assertThat(planCacheMode()).isEqualTo("force_custom_plan");
            assertThat(copiedRows(name)).isEqualTo(7);
            assertThat(em.createNativeQuery("select distinct sector from care_member where name = ?1")
                    .setParameter(1, name).getResultList()).containsExactly("a\\b\tc\nd\re \"f\"");
        });
        assertThat(read).as("the reader sees committed rows only").isEmpty();
        try (ReadAhead<CareMember> members = readAhead("from CareMember where name = :name order by memberId",
                Map.of("name", name), 2)) {
            members.forEachRemaining(m -> read.add(m.memberId.toString()));
        }
        assertThat(read).as("seven rows, in batches of two").containsExactlyElementsOf(
                ids.stream().map(UUID::toString).sorted().toList());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from care_member where name = ?1")
                .setParameter(1, name).executeUpdate());
    }

    @Test
    void aStatementWhileAStreamingCopyIsOpenIsRefusedAndTheAbandonedCopyWritesNothing() {
        String name = "流式,中断";
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            try (CopyIn copy = CopyIn.streaming(em.unwrap(Session.class), "care_member", COLUMNS, 4096)) {
                for (int i = 0; i < 3_000; i++) { // several chunks reach PostgreSQL first
                    copy.row(named(name));
                }
                // on the COPY's connection the driver would wait for the COPY to end, forever: refused instead
                em.createNativeQuery("select count(*) from care_member").getSingleResult();
            }
        })).hasStackTraceContaining("would wait forever");
        assertThat(busyBackends("copy care_member%")).as("no COPY left running").isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> copiedRows(name))).isZero();
        // a failure PostgreSQL finds in a streamed row is reported when the COPY ends
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            try (CopyIn copy = CopyIn.streaming(em.unwrap(Session.class), "care_member", COLUMNS, 1)) {
                copy.row(row(id, "c".repeat(64)));
                copy.row(row(id, "d".repeat(64)));
                copy.flush();
            }
        })).hasStackTraceContaining("duplicate key value violates unique constraint");
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select count(*) from care_member where member_id = ?1").setParameter(1, id).getSingleResult()))
                .isEqualTo(0L);
    }

    @Test
    void readingAheadStopsWhenTheCallerStopsEarlyAndReportsAFailedQuery() {
        String name = "预读,提前停止";
        QuarkusTransaction.requiringNew().run(() -> {
            CopyIn copy = new CopyIn(em.unwrap(Session.class), "care_member", COLUMNS, 100);
            for (int i = 0; i < 12; i++) {
                copy.row(named(name));
            }
            copy.flush();
        });
        try (ReadAhead<CareMember> members = readAhead("from CareMember where name = :name order by memberId",
                Map.of("name", name), 1)) {
            assertThat(members.next().name).isEqualTo(name);
            // twelve rows a batch each, four batches held: the reader is now waiting for room, and must stop
        }
        assertThat(busyBackends("%care_member%order by%")).as("the reader's query still open").isZero();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from care_member where name = ?1")
                .setParameter(1, name).executeUpdate());
        try (ReadAhead<CareMember> members = readAhead("from CareMember where noSuchAttribute = 1", Map.of(), 2)) {
            assertThatThrownBy(members::hasNext).hasMessageContaining("reading ahead failed");
        }
    }
}
