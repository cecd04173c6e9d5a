package cn.zjlm.federation.platform;

import static cn.zjlm.federation.platform.PlatformSettings.CARE;
import static cn.zjlm.federation.platform.PlatformSettings.EVENTS;
import static cn.zjlm.federation.platform.PlatformSettings.GATEWAY;
import static cn.zjlm.federation.platform.PlatformSettings.HONORS;
import static cn.zjlm.federation.platform.PlatformSettings.MEMBER;

import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.local.LocalKafka;
import cn.zjlm.federation.local.LocalKeycloak;
import cn.zjlm.federation.local.LocalPostgres;
import cn.zjlm.federation.local.LocalTraceCollector;
import cn.zjlm.federation.local.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The whole federation platform on one machine: PostgreSQL, Kafka, Keycloak, the four services and
 * the gateway, each a real process or server. Used by the run command and the end-to-end suite.
 */
public final class Platform implements AutoCloseable {
    /** Service name → database it owns. */
    public static final Map<String, String> DATABASES = Map.of(MEMBER, "member", HONORS, "honors", CARE, "care",
            EVENTS, "events");
    private static final Duration SERVICE_START = Duration.ofSeconds(120);
    /** The id of the local PII key, given to the services and used by tools that seal values themselves. */
    private static final String PII_KEY_ID = "k1";

    private final PlatformSettings settings;
    private final Consumer<String> log;
    private LocalPostgres postgres;
    private LocalKafka kafka;
    private LocalKeycloak keycloak;
    private LocalTraceCollector traces;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    private Platform(PlatformSettings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    /** Starts everything in dependency order; on any failure stops what was started and rethrows. */
    public static Platform start(PlatformSettings settings, Consumer<String> log) {
        Platform platform = new Platform(settings, log);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startAll() {
        settings.ports().forEach((component, port) ->
                Ports.requireFree(port, component, PlatformSettings.property(component)));
        Path data = settings.dataDir();
        long t0 = System.nanoTime();

        postgres = LocalPostgres.start(data.resolve("postgres"), settings.port(PlatformSettings.POSTGRES),
                settings.logs().resolve("postgres.log"));
        DATABASES.values().forEach(postgres::ensureDatabase);
        postgres.ensureDatabase("keycloak");
        log.accept(step("PostgreSQL 17", postgres.jdbcUrl(""), t0));

        kafka = LocalKafka.start(data.resolve("kafka"), settings.port(PlatformSettings.KAFKA),
                settings.port(PlatformSettings.KAFKA_CONTROLLER));
        kafka.createTopics(EventTopics.all());
        log.accept(step("Kafka (KRaft)", kafka.bootstrapServers(), t0));

        keycloak = LocalKeycloak.start(settings.cacheDir(), settings.port(PlatformSettings.KEYCLOAK),
                settings.port(PlatformSettings.KEYCLOAK_MANAGEMENT),
                settings.repositoryRoot().resolve("deploy/local/realm/federation-realm.json"),
                postgres.jdbcUrl("keycloak"), settings.logs().resolve("keycloak.log"));
        log.accept(step("Keycloak", keycloak.url(), t0));

        traces = LocalTraceCollector.start(settings.port(PlatformSettings.TRACES),
                settings.logs().resolve("traces.jsonl"));
        log.accept(step("Trace collector", traces.endpoint() + "/traces/<id>", t0));

        Map<String, String> environment = commonEnvironment();
        for (String name : DATABASES.keySet().stream().sorted().toList()) {
            Map<String, String> env = new LinkedHashMap<>(environment);
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(DATABASES.get(name)));
            services.put(name, service(name, env, List.of()));
        }
        List<String> routes = new ArrayList<>();
        Map.of("member", MEMBER, "honors", HONORS, "care", CARE, "events", EVENTS).forEach((route, service) ->
                routes.add("-Dgateway.routes." + route + ".url=http://localhost:" + settings.port(service)));
        services.put(GATEWAY, service(GATEWAY, environment, routes));

        services.values().forEach(ServiceProcess::start);
        CompletableFuture.allOf(services.values().stream()
                .map(s -> CompletableFuture.runAsync(() -> s.awaitReady(SERVICE_START)))
                .toArray(CompletableFuture[]::new)).join();
        log.accept(step("services and gateway", gatewayUrl(), t0));
    }

    private ServiceProcess service(String name, Map<String, String> env, List<String> properties) {
        Path jar = settings.repositoryRoot().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        List<String> all = new ArrayList<>(properties);
        all.addAll(settings.appProperties().getOrDefault(name, List.of()));
        return new ServiceProcess(name, jar, settings.port(name), env, all,
                settings.logs().resolve(name + ".log"));
    }

    private Map<String, String> commonEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FEDERATION_DB_USERNAME", LocalPostgres.RUNTIME_USER);
        env.put("FEDERATION_DB_PASSWORD", LocalPostgres.RUNTIME_PASSWORD);
        env.put("FEDERATION_DB_OWNER_USERNAME", LocalPostgres.OWNER_USER);
        env.put("FEDERATION_DB_OWNER_PASSWORD", LocalPostgres.OWNER_PASSWORD);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("FEDERATION_KEYCLOAK_URL", keycloak.url());
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces.endpoint());
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
        Properties keys = piiKeys();
        env.put("FEDERATION_PII_KEY_ID", PII_KEY_ID);
        env.put("FEDERATION_PII_ENCRYPTION_KEY", keys.getProperty("encryption-key"));
        env.put("FEDERATION_PII_INDEX_KEY", keys.getProperty("index-key"));
        return env;
    }

    /** Generated once per data directory and kept with the data, which cannot be read without them. */
    private Properties piiKeys() {
        Path file = settings.dataDir().resolve("pii-keys.properties");
        Properties keys = new Properties();
        try {
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    keys.load(in);
                }
                return keys;
            }
            SecureRandom random = new SecureRandom();
            for (String name : List.of("encryption-key", "index-key")) {
                byte[] key = new byte[32];
                random.nextBytes(key);
                keys.setProperty(name, Base64.getEncoder().encodeToString(key));
            }
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                keys.store(out, "Local PII keys: losing them makes the stored ID numbers and phones unreadable");
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    private static String step(String what, String where, long t0) {
        return String.format("  %-22s %-45s (%.1f s)", what, where, (System.nanoTime() - t0) / 1e9);
    }

    public String gatewayUrl() {
        return services.get(GATEWAY).url();
    }

    public ServiceProcess service(String name) {
        return services.get(name);
    }

    public LocalKeycloak keycloak() {
        return keycloak;
    }

    /** The cipher the services use, for tools that load data straight into a database (benchmarks). */
    public PiiCipher piiCipher() {
        Properties keys = piiKeys();
        return new PiiCipher(PII_KEY_ID, keys.getProperty("encryption-key"), keys.getProperty("index-key"));
    }

    public LocalTraceCollector traces() {
        return traces;
    }

    public LocalKafka kafka() {
        return kafka;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public PlatformSettings settings() {
        return settings;
    }

    @Override
    public synchronized void close() {
        List<ServiceProcess> running = new ArrayList<>(services.values());
        running.parallelStream().forEach(ServiceProcess::stop);
        services.clear();
        if (traces != null) {
            traces.close();
            traces = null;
        }
        if (keycloak != null) {
            keycloak.close();
            keycloak = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
