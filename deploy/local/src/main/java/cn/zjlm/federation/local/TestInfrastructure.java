package cn.zjlm.federation.local;

import cn.zjlm.federation.commons.events.EventTopics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts one real PostgreSQL and one real Kafka broker per test JVM (shared by every
 * {@code @QuarkusTest} of the module) and points the service at them. Init arg {@code database}
 * names the service's database.
 */
public class TestInfrastructure implements QuarkusTestResourceLifecycleManager {
    private static LocalPostgres postgres;
    private static LocalKafka kafka;
    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        startShared();
        postgres.ensureDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", LocalPostgres.RUNTIME_USER,
                "quarkus.datasource.password", LocalPostgres.RUNTIME_PASSWORD,
                "quarkus.flyway.username", LocalPostgres.OWNER_USER,
                "quarkus.flyway.password", LocalPostgres.OWNER_PASSWORD,
                "kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        // Shared for the whole JVM; stopped by the shutdown hook.
    }

    public static synchronized LocalKafka kafka() {
        startShared();
        return kafka;
    }

    public static synchronized LocalPostgres postgres() {
        startShared();
        return postgres;
    }

    private static synchronized void startShared() {
        if (postgres != null) {
            return;
        }
        Path root = Path.of("target", "test-infrastructure-" + ProcessHandle.current().pid()).toAbsolutePath();
        postgres = LocalPostgres.start(root.resolve("postgres"), Ports.free(), root.resolve("postgres.log"));
        kafka = LocalKafka.start(root.resolve("kafka"), Ports.free(), Ports.free());
        kafka.createTopics(EventTopics.all());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            postgres.close();
        }, "test-infrastructure-stop"));
    }
}
