package cn.zjlm.federation.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.zjlm.federation.commons.identity.NationalIdNumber;
import io.restassured.specification.RequestSpecification;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * PIPL at rest: every row of every table of every database of the end-to-end platform (the services'
 * and Keycloak's) is read as text and searched for the demo members' ID numbers and phones, which the
 * seeding sent through the gateway, and for a bank account number and a hospital stay (health data)
 * recorded here. They are stored only encrypted (and as keyed hashes).
 */
class DatabasesHoldNoClearPersonalDataIT {
    private static final String ACCOUNT = "6228480402564890018";
    private static final String HOSPITAL = "浙江大学医学院附属第二医院（心内科）";

    /** A member's bank account and hospital stay, through the gateway as Xiaoshan staff. */
    private static void recordBankAndHealthData() {
        String member = FirstPathIT.create("xs-staff", FirstPathIT.member("银行账户测试",
                NationalIdNumber.compose("330109", LocalDate.of(1966, 6, 6), 612),
                "13700006666", "330109"));
        Supplier<RequestSpecification> xs = () -> given().baseUri(E2E.gateway()).auth().oauth2(E2E.token("xs-staff"))
                .contentType("application/json");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> xs.get().get("/api/v1/care/members/" + member + "/visits").statusCode() == 200);
        xs.get().body(Map.of("accountHolder", "银行账户测试", "bankName", "中国农业银行杭州萧山支行", "accountNumber", ACCOUNT))
                .put("/api/v1/care/members/" + member + "/payee-account").then().statusCode(200);
        xs.get().body(Map.of("admittedOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString(),
                "hospital", HOSPITAL)).post("/api/v1/care/members/" + member + "/hospital-stays").then().statusCode(201);
    }

    @Test
    void noTableHoldsADemoIdNumberPhoneBankAccountOrHealthRecordInClear() throws SQLException {
        DemoData.Result demo = E2E.demo();
        recordBankAndHealthData();
        try (DatabaseFingerprints quiet = new DatabaseFingerprints()) {
            quiet.settle(); // copies carried by events have landed too
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<String> databases = new ArrayList<>(Platform.DATABASES.values());
        databases.add("keycloak");
        List<String> leaks = new ArrayList<>();
        long rowsRead = 0;
        for (String database : databases) {
            try (Connection db = E2E.platform().postgres().connect(database); Statement st = db.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = st.executeQuery(
                        "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    try (ResultSet rows = st.executeQuery("select t::text from \"" + table + "\" t")) {
                        while (rows.next()) {
                            rowsRead++;
                            String row = rows.getString(1);
                            leaks.addAll(demo.clearValuesIn(row, database + "." + table));
                            for (String clear : List.of(ACCOUNT, HOSPITAL)) {
                                if (row.contains(clear)) {
                                    leaks.add(database + "." + table + " holds " + clear);
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();
        // The search read the seeded data: the registry holds the demo members, sealed.
        try (Connection db = E2E.platform().postgres().connect("member"); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from member where national_id_cipher like 'k%:%'")) {
            rs.next();
            assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(demo.nationalIds().size());
        }
        assertThat(rowsRead).isGreaterThan(100);
    }
}
