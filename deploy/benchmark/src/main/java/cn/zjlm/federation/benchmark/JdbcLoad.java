package cn.zjlm.federation.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The database baseline: the same statements in a closed loop on plain JDBC connections, one per worker. */
final class JdbcLoad {
    private JdbcLoad() {
    }

    /** Each iteration runs the statements in turn, each with the same parameters, and is timed as one. */
    static Load run(String label, String url, String user, String password, List<String> statements,
            Duration duration, int concurrency, Object... parameters) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            long deadline = System.nanoTime() + duration.toNanos();
            List<Future<long[]>> workers = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                workers.add(pool.submit(worker(url, user, password, statements, parameters, deadline)));
            }
            long[] all = new long[0];
            for (Future<long[]> w : workers) {
                long[] part = w.get();
                long[] merged = java.util.Arrays.copyOf(all, all.length + part.length);
                System.arraycopy(part, 0, merged, all.length, part.length);
                all = merged;
            }
            return Load.of(label, all, 0, duration.toNanos() / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Callable<long[]> worker(String url, String user, String password, List<String> statements,
            Object[] parameters, long deadline) {
        return () -> {
            long[] latencies = new long[1 << 16];
            int n = 0;
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                List<PreparedStatement> prepared = new ArrayList<>();
                for (String sql : statements) {
                    PreparedStatement s = c.prepareStatement(sql);
                    for (int i = 0; i < parameters.length; i++) {
                        s.setObject(i + 1, parameters[i]);
                    }
                    prepared.add(s);
                }
                for (long start = System.nanoTime(); start < deadline; start = System.nanoTime()) {
                    for (PreparedStatement s : prepared) {
                        readAll(s);
                    }
                    if (n == latencies.length) {
                        latencies = java.util.Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - start;
                }
            }
            return java.util.Arrays.copyOf(latencies, n);
        };
    }

    /** Reads every column of every row, as an application would. */
    private static void readAll(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    rs.getObject(i);
                }
            }
        }
    }
}
