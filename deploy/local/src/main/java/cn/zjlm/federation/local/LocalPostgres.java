package cn.zjlm.federation.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL 17 server (binaries from Maven Central, io.zonky.test) whose data directory
 * survives restarts. One database per service, each owned by the owner role that migrates it; the
 * services run as the runtime role, which reads and writes rows but cannot change the schema.
 */
public final class LocalPostgres implements AutoCloseable {
    public static final String OWNER_USER = "federation";
    public static final String OWNER_PASSWORD = "federation";
    public static final String RUNTIME_USER = "federation_app";
    public static final String RUNTIME_PASSWORD = "federation_app";

    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private EmbeddedPostgres server;

    private LocalPostgres(Path dataDir, int port, Path logFile) {
        this.dataDir = dataDir;
        this.port = port;
        this.logFile = logFile;
    }

    public static LocalPostgres start(Path dataDir, int port, Path logFile) {
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(logFile.getParent());
            LocalPostgres postgres = new LocalPostgres(dataDir, port, logFile);
            postgres.server = postgres.launch();
            postgres.ensureRoles();
            return postgres;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("PostgreSQL did not start on port " + port + "; see " + logFile, e);
        }
    }

    /** Stops the server (fault tests: the services lose their database until {@link #restart}). */
    public synchronized void stop() {
        close();
    }

    /** Starts the stopped server again on the same port and data (nothing to do when it runs). */
    public synchronized void restart() {
        if (server != null) {
            return;
        }
        try {
            server = launch();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not start again on port " + port + "; see " + logFile, e);
        }
    }

    private EmbeddedPostgres launch() throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("max_connections", "300")
                .setServerConfig("shared_buffers", "128MB")
                // bulk writes (a cycle, an import) otherwise checkpoint every ~0.5 GB of WAL, each followed by full-page
                // images of every page touched again
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("timezone", "UTC")
                .setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** Creates the database (owned by the owner role) unless it exists. */
    public void ensureDatabase(String name) {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("database name " + name);
        }
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database " + name + " owner " + OWNER_USER + " encoding 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    public Connection connect(String database) throws SQLException {
        return server.getDatabase(OWNER_USER, database).getConnection();
    }

    /** The owner (schema and migrations) connects with {@link #connect}; the services as the runtime role. */
    private void ensureRoles() throws SQLException {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String[] role : new String[][] {{OWNER_USER, OWNER_PASSWORD}, {RUNTIME_USER, RUNTIME_PASSWORD}}) {
                try (ResultSet rs = s.executeQuery("select 1 from pg_roles where rolname = '" + role[0] + "'")) {
                    if (rs.next()) {
                        continue;
                    }
                }
                s.execute("create role " + role[0] + " login password '" + role[1] + "'");
            }
        }
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.close();
            server = null;
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not stop cleanly", e);
        }
    }
}
