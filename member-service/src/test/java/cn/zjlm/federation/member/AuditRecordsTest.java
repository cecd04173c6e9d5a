package cn.zjlm.federation.member;

import static cn.zjlm.federation.member.MemberApiTest.member;
import static cn.zjlm.federation.member.MemberApiTest.newId;
import static cn.zjlm.federation.member.MemberApiTest.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import cn.zjlm.federation.commons.audit.AuditTrail;
import cn.zjlm.federation.local.LocalPostgres;
import cn.zjlm.federation.local.TestInfrastructure;
import cn.zjlm.federation.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit trail as the service's own database role sees it, its retention, and the administrators' view of it. */
@QuarkusTest
class AuditRecordsTest {
    private static final String HZ = TestTokens.token("hz-staff", "330100", "city-staff");
    private static final String HZ_ADMIN = TestTokens.token("hz-admin", "330100", "city-admin");
    private static final String ZJ_ADMIN = TestTokens.token("zj-admin", "330000", "province-admin");

    @Inject
    AuditTrail audit;

    private static Connection asRuntimeRole() throws Exception {
        return DriverManager.getConnection(TestInfrastructure.postgres().jdbcUrl("member"),
                LocalPostgres.RUNTIME_USER, LocalPostgres.RUNTIME_PASSWORD);
    }

    private static long scalar(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theServicesRoleCanAppendButNeitherChangeNorRemoveRecordsNorTheSchema() throws Exception {
        register(HZ, member("郑海燕", newId(LocalDate.of(1969, 2, 2)), "330100"));
        try (Connection c = asRuntimeRole(); Statement s = c.createStatement()) {
            assertThat(scalar(s, "select count(*) from audit_record")).isPositive();
            for (String sql : List.of("update audit_record set actor = 'x'", "delete from audit_record",
                    "truncate audit_record", "alter table audit_record disable trigger audit_record_no_update",
                    "delete from audit_checkpoint", "insert into audit_checkpoint values (1, repeat('0', 64), now(), 0, '1 day')",
                    "drop table member")) {
                assertThatThrownBy(() -> s.execute(sql)).as(sql)
                        .hasMessageMatching("(?s).*(permission denied|must be owner).*");
            }
            assertThatThrownBy(() -> s.execute("select audit_purge('100 days')"))
                    .hasMessageContaining("below the legal minimum of 180 days");
        }
    }

    @Test
    void recordsPastTheRetentionArePurgedAndTheRestOfTheChainStillVerifies() throws Exception {
        register(HZ, member("钱晓东", newId(LocalDate.of(1970, 3, 3)), "330100"));
        long oldest;
        try (Connection c = TestInfrastructure.postgres().connect("member"); Statement s = c.createStatement()) {
            oldest = scalar(s, "select max(seq) from audit_record");
            // Age the trail so far by 200 days (as the owner, past the trigger).
            s.execute("alter table audit_record disable trigger audit_record_no_update");
            s.executeUpdate("update audit_record set at = at - interval '200 days' where seq <= " + oldest);
            s.execute("alter table audit_record enable trigger audit_record_no_update");
        }
        register(HZ, member("孙丽萍", newId(LocalDate.of(1971, 4, 4)), "330100"));

        assertThatThrownBy(() -> audit.purge(Duration.ofDays(179))).hasStackTraceContaining("legal minimum");
        assertThat(audit.purge(Duration.ofDays(180))).isPositive();
        try (Connection c = TestInfrastructure.postgres().connect("member"); Statement s = c.createStatement()) {
            assertThat(scalar(s, "select count(*) from audit_record where seq <= " + oldest)).isZero();
            assertThat(scalar(s, "select count(*) from audit_record where seq > " + oldest)).isPositive();
        }
        given().auth().oauth2(ZJ_ADMIN).get("/api/v1/members/audit-records/verification").then().statusCode(200)
                .body("intact", equalTo(true)).body("checkpointSeq", equalTo((int) oldest));
        assertThat(audit.purge(Duration.ofDays(180))).isZero();

        // Everything aged out: the next record chains to the checkpoint, and the trail still verifies.
        try (Connection c = TestInfrastructure.postgres().connect("member"); Statement s = c.createStatement()) {
            s.execute("alter table audit_record disable trigger audit_record_no_update");
            s.executeUpdate("update audit_record set at = at - interval '200 days'");
            s.execute("alter table audit_record enable trigger audit_record_no_update");
        }
        assertThat(audit.purge(Duration.ofDays(180))).isPositive();
        audit.record(new AuditTrail.Actor("test", "330000", null), "TEST", "audit_record", "SUCCESS", null);
        AuditTrail.Verification check = audit.verify();
        assertThat(check.intact()).isTrue();
        assertThat(check.records()).isPositive();
    }

    @Test
    void provinceAdministratorsSearchAndExportTheTrailAndThatIsAuditedToo() {
        String id = register(HZ, member("冯建国", newId(LocalDate.of(1966, 5, 5)), "330109"));
        String target = "/api/v1/members/" + id;
        given().auth().oauth2(HZ_ADMIN).get("/api/v1/members/audit-records").then().statusCode(403);
        String correlationId = "audit-" + java.util.UUID.randomUUID();
        given().auth().oauth2(HZ).contentType("application/json").body("{}").header("If-Match", "\"0\"")
                .header("X-Correlation-Id", correlationId).put(target).then().statusCode(400);

        given().auth().oauth2(ZJ_ADMIN).queryParam("target", target).queryParam("actor", "hz-staff")
                .get("/api/v1/members/audit-records").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].action", equalTo("PUT"))
                .body("items[0].outcome", equalTo("REFUSED")).body("items[0].association", equalTo("330100"))
                .body("items[0].details", equalTo("status 400")).body("items[0].correlationId", equalTo(correlationId));
        given().auth().oauth2(ZJ_ADMIN).queryParam("outcome", "MAYBE").get("/api/v1/members/audit-records").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("outcome"));

        String csv = given().auth().oauth2(ZJ_ADMIN).queryParam("target", target).queryParam("action", "PUT")
                .get("/api/v1/members/audit-records/export").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        assertThat(csv.lines().toList()).hasSize(2);
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).contains("hz-staff", "PUT", target, "REFUSED");

        given().auth().oauth2(ZJ_ADMIN).queryParam("action", "AUDIT_EXPORTED").queryParam("actor", "zj-admin")
                .get("/api/v1/members/audit-records").then().statusCode(200).body("total", greaterThan(0))
                .body("items[0].details", org.hamcrest.Matchers.equalTo("1 rows; action=PUT; target=" + target));
    }
}
