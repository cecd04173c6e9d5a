package cn.zjlm.federation.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PIPL at rest: every row of every table of every database of the end-to-end platform (the services'
 * and Keycloak's) is read as text and searched for the demo members' ID numbers and phones, which the
 * seeding sent through the gateway. They are stored only encrypted (and as keyed hashes).
 */
class DatabasesHoldNoClearPersonalDataIT {
    @Test
    void noTableHoldsADemoIdNumberOrPhoneInClear() throws SQLException {
        DemoData.Result demo = E2E.demo();
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
                            leaks.addAll(demo.clearValuesIn(rows.getString(1), database + "." + table));
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
