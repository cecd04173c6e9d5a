package cn.zjlm.federation.member;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zjlm.federation.local.LocalPostgres;
import cn.zjlm.federation.local.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Databases that earlier releases left behind upgrade with the application's Flyway settings. */
@QuarkusTest
class UpgradeMigrationTest {
    @ConfigProperty(name = "quarkus.flyway.locations")
    List<String> locations;

    @ConfigProperty(name = "quarkus.flyway.out-of-order")
    boolean outOfOrder;

    private String freshDatabase() {
        String database = "upgrade_" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        TestInfrastructure.postgres().ensureDatabase(database);
        return TestInfrastructure.postgres().jdbcUrl(database);
    }

    private org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url) {
        return Flyway.configure().dataSource(url, LocalPostgres.OWNER_USER, LocalPostgres.OWNER_PASSWORD)
                .locations(locations.stream().map(l -> "classpath:" + l).toArray(String[]::new)).outOfOrder(outOfOrder)
                .placeholders(java.util.Map.of("runtimeRole", LocalPostgres.RUNTIME_USER));
    }

    @Test
    void aSharedMigrationAddedAfterTheServicesOwnIsAppliedOnUpgrade() throws Exception {
        String url = freshDatabase();
        flyway(url).load().migrate();
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.OWNER_USER, LocalPostgres.OWNER_PASSWORD);
                Statement s = c.createStatement()) {
            // as the earlier release left it: no trace context column, no record of its migration
            s.execute("delete from flyway_schema_history where version = '0.5'");
            s.execute("alter table outbox_event drop column traceparent");
        }

        var result = flyway(url).load().migrate();

        assertThat(result.migrations).extracting(m -> m.version).containsExactly("0.5");
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.OWNER_USER, LocalPostgres.OWNER_PASSWORD);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from information_schema.columns "
                        + "where table_name = 'outbox_event' and column_name = 'traceparent'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void membersRegisteredBeforeLevelsHeldWereKeptGetThemAndEveryLaterHonourWriteKeepsThem() throws Exception {
        String url = freshDatabase();
        flyway(url).target("7").load().migrate();
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.OWNER_USER, LocalPostgres.OWNER_PASSWORD);
                Statement s = c.createStatement()) {
            for (String id : List.of("1", "2", "3")) {
                s.execute("insert into member (id, name, gender, birth_date, national_id_cipher, national_id_index, "
                        + "association_code, status, created_at, created_by, updated_at, updated_by) values "
                        + "('00000000-0000-0000-0000-00000000000" + id + "', '甲', 'MALE', '1960-01-01', 'x', '"
                        + id.repeat(64) + "', '330100', 'RETIRED', now(), 't', now(), 't')");
            }
            // 1: provincial with national-level treatment; 2: a revoked national and a city honour; 3: none
            s.execute("insert into member_honour (id, member_id, category, level, title, year, national_treatment, "
                    + "revoked_on, recorded_at, recorded_by) values "
                    + "(gen_random_uuid(), '00000000-0000-0000-0000-000000000001', 'MODEL_WORKER', 'PROVINCIAL', 'a', 1990, true, null, now(), 't'),"
                    + "(gen_random_uuid(), '00000000-0000-0000-0000-000000000002', 'MODEL_WORKER', 'NATIONAL', 'b', 1991, false, '2000-01-01', now(), 't'),"
                    + "(gen_random_uuid(), '00000000-0000-0000-0000-000000000002', 'CRAFTSMAN', 'CITY', 'c', 1992, false, null, now(), 't')");
        }
        flyway(url).load().migrate();
        assertThat(levelsHeld(url)).containsExactly("1:NATIONAL,PROVINCIAL", "2:CITY", "3:");

        // a writer that knows nothing of the flags (an older release during a rolling upgrade)
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.OWNER_USER, LocalPostgres.OWNER_PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("insert into member_honour (id, member_id, category, level, title, year, recorded_at, recorded_by) "
                    + "values (gen_random_uuid(), '00000000-0000-0000-0000-000000000003', 'OTHER', 'COUNTY', 'd', 2001, now(), 't')");
            s.execute("update member_honour set revoked_on = '2020-01-01' where title = 'a'");
            s.execute("delete from member_honour where title = 'c'");
        }
        assertThat(levelsHeld(url)).containsExactly("1:", "2:", "3:COUNTY");
    }

    @Test
    void importReportsOfEarlierReleasesKeepTheirProblemRowsAndTheirCreatedRowsMoveToTheirTable() throws Exception {
        String url = freshDatabase();
        flyway(url).target("9").load().migrate();
        String job = "00000000-0000-0000-0000-0000000000a1";
        String member = "00000000-0000-0000-0000-0000000000b2";
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.OWNER_USER, LocalPostgres.OWNER_PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("insert into import_job (id, association_code, created_by, mode, file_sha256, status, total, "
                    + "processed, created, invalid, committed, report, created_at) values ('" + job + "', '330100', 't', "
                    + "'VALID_ONLY', '" + "0".repeat(64) + "', 'COMPLETED', 2, 2, 1, 1, true, '[{\"row\":2,"
                    + "\"outcome\":\"CREATED\",\"memberId\":\"" + member + "\"},{\"row\":3,\"outcome\":\"INVALID\","
                    + "\"errors\":[{\"field\":\"nationalId\",\"code\":\"national-id.check-digit\"}]},"
                    + "{\"row\":4,\"note\":\"no outcome\"},{\"row\":5,\"outcome\":\"CREATED\"}]', now())");
        }
        flyway(url).load().migrate();
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.OWNER_USER, LocalPostgres.OWNER_PASSWORD);
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select job_id, row_number, member_id from import_created_row")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3)).isEqualTo(job + " 2 " + member);
                assertThat(rs.next()).isFalse();
            }
            // entries that cannot move (no outcome; created without a member) stay, in their order
            try (ResultSet rs = s.executeQuery("select string_agg(concat(r ->> 'row', ':', r ->> 'outcome'), ',' "
                    + "order by n) from import_job, jsonb_array_elements(report) with ordinality as e(r, n)")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("3:INVALID,4:,5:CREATED");
            }
        }
    }

    private static List<String> levelsHeld(String url) throws Exception {
        List<String> rows = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.OWNER_USER, LocalPostgres.OWNER_PASSWORD);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select right(id::text, 1), concat_ws(',', "
                        + "case when holds_national_honour then 'NATIONAL' end, "
                        + "case when holds_provincial_honour then 'PROVINCIAL' end, "
                        + "case when holds_city_honour then 'CITY' end, "
                        + "case when holds_county_honour then 'COUNTY' end) from member order by id")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + ":" + rs.getString(2));
            }
        }
        return rows;
    }
}
