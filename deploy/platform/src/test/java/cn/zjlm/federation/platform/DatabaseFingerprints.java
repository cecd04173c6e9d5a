package cn.zjlm.federation.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Each service's rows, as a hash of every row's physical version (any insert, update or delete changes it). */
final class DatabaseFingerprints implements AutoCloseable {
    private static final List<String> IGNORED = List.of("audit_record", "audit_checkpoint", "flyway_schema_history");
    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Map<String, String> queries = new LinkedHashMap<>();

    DatabaseFingerprints() throws Exception {
        for (String database : Platform.DATABASES.values().stream().sorted().toList()) {
            Connection c = E2E.platform().postgres().connect(database);
            connections.put(database, c);
            List<String> parts = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select table_name from "
                    + "information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1")) {
                while (rs.next()) {
                    if (!IGNORED.contains(rs.getString(1))) {
                        parts.add("select '" + rs.getString(1) + "' || ':' || coalesce(md5(string_agg(ctid::text || xmin::text, ',' "
                                + "order by ctid)), '') from \"" + rs.getString(1) + "\"");
                    }
                }
            }
            queries.put(database, "select string_agg(f, ';') from (" + String.join(" union all ", parts) + ") t(f)");
        }
    }

    String fingerprint(String database) throws Exception {
        try (Statement s = connections.get(database).createStatement(); ResultSet rs = s.executeQuery(queries.get(database))) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Waits until no database changes for half a second: events of an accepted request have been applied. */
    void settle() throws Exception {
        String last = "";
        for (int i = 0; i < 120; i++) {
            StringBuilder now = new StringBuilder();
            for (String database : connections.keySet()) {
                now.append(fingerprint(database));
            }
            if (now.toString().equals(last)) {
                return;
            }
            last = now.toString();
            Thread.sleep(500);
        }
        throw new AssertionError("the databases kept changing for a minute; cannot compare");
    }

    @Override
    public void close() throws Exception {
        for (Connection c : connections.values()) {
            c.close();
        }
    }
}
