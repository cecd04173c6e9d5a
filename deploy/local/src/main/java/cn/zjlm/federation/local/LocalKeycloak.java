package cn.zjlm.federation.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Keycloak server distribution (org.keycloak:keycloak-quarkus-dist from Maven Central) run as
 * its own process, storing its data in the local PostgreSQL and importing the federation realm.
 */
public final class LocalKeycloak implements AutoCloseable {
    public static final String REALM = "federation";
    public static final String CONSOLE_CLIENT = "federation-console";

    private final Process process;
    private final int port;
    private final Path logFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LocalKeycloak(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /**
     * @param cacheDir where the distribution is unpacked once and reused
     * @param realmFile the realm to import when it does not exist yet
     */
    public static LocalKeycloak start(Path cacheDir, int port, int managementPort, Path realmFile, String jdbcUrl,
            Path logFile) {
        Path home = unpackDistribution(cacheDir);
        try {
            Path importDir = home.resolve("data/import");
            Files.createDirectories(importDir);
            Files.copy(realmFile, importDir.resolve("federation-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            Files.createDirectories(logFile.getParent());
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port=" + port, "--http-management-port=" + managementPort, "--health-enabled=true",
                    "--import-realm", "--db=postgres", "--db-url=" + jdbcUrl,
                    "--db-username=" + LocalPostgres.OWNER_USER, "--db-password=" + LocalPostgres.OWNER_PASSWORD,
                    "--db-pool-max-size=20", "--log-level=WARN,org.keycloak.services:INFO"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            LocalKeycloak keycloak = new LocalKeycloak(builder.start(), port, logFile);
            keycloak.awaitReady(Duration.ofMinutes(4));
            return keycloak;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak; see " + logFile, e);
        }
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public String issuer() {
        return url() + "/realms/" + REALM;
    }

    public Process process() {
        return process;
    }

    /** A user's access token through the console client's direct grant (local realm only). */
    public String passwordToken(String username, String password) {
        return token(Map.of("grant_type", "password", "client_id", CONSOLE_CLIENT, "username", username,
                "password", password));
    }

    /** A system's access token through the client-credentials grant. */
    public String clientToken(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private String token(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
            if (response.statusCode() != 200 || !m.find()) {
                throw new IllegalStateException("Keycloak refused a token (" + response.statusCode() + "): "
                        + response.body());
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        try {
            Readiness.await("Keycloak", URI.create(issuer() + "/.well-known/openid-configuration"), process, timeout,
                    logFile);
        } catch (IllegalStateException e) {
            close();
            throw e;
        }
    }

    static Path unpackDistribution(Path cacheDir) {
        Properties props = new Properties();
        try (InputStream in = LocalKeycloak.class.getResourceAsStream("/local-infrastructure.properties")) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = props.getProperty("keycloak.version");
        Path home = cacheDir.resolve("keycloak-" + version);
        if (Files.exists(home.resolve(".unpacked"))) {
            return home;
        }
        Path zip = Path.of(props.getProperty("keycloak.zip"));
        if (!Files.exists(zip)) {
            throw new IllegalStateException("Keycloak distribution missing at " + zip + "; build deploy/local first");
        }
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            Path staging = Files.createTempDirectory(Files.createDirectories(cacheDir), "keycloak-unpack");
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entry.getName().substring(entry.getName().indexOf('/') + 1);
                Path target = staging.resolve(name).normalize();
                if (!target.startsWith(staging) || name.isEmpty()) {
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    if (name.startsWith("bin/") && name.endsWith(".sh")) {
                        target.toFile().setExecutable(true);
                    }
                }
            }
            Files.writeString(staging.resolve(".unpacked"), version);
            Directories.deleteTree(home);
            Files.move(staging, home);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip, e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
