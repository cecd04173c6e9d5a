package cn.zjlm.federation.platform;

import cn.zjlm.federation.local.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the platform keeps its data and which ports it uses. Local runs use fixed ports that can
 * be moved with -Dplatform.<name>.port; tests use free random ports and a throw-away data directory.
 */
public record PlatformSettings(Path repositoryRoot, Path dataDir, Path cacheDir, Map<String, Integer> ports,
        Map<String, List<String>> appProperties) {

    public PlatformSettings(Path repositoryRoot, Path dataDir, Path cacheDir, Map<String, Integer> ports) {
        this(repositoryRoot, dataDir, cacheDir, ports, Map.of());
    }

    /** The same platform with a system property (-Dname=value) added to one app, e.g. a higher rate limit. */
    public PlatformSettings withAppProperty(String app, String property, String value) {
        Map<String, List<String>> properties = new LinkedHashMap<>(appProperties);
        List<String> list = new ArrayList<>(properties.getOrDefault(app, List.of()));
        list.add("-D" + property + "=" + value);
        properties.put(app, List.copyOf(list));
        return new PlatformSettings(repositoryRoot, dataDir, cacheDir, ports, Map.copyOf(properties));
    }

    public static final String GATEWAY = "gateway";
    public static final String MEMBER = "member-service";
    public static final String HONORS = "honors-service";
    public static final String CARE = "care-service";
    public static final String EVENTS = "events-service";
    public static final String KEYCLOAK = "keycloak";
    public static final String KEYCLOAK_MANAGEMENT = "keycloak-management";
    public static final String POSTGRES = "postgres";
    public static final String KAFKA = "kafka";
    public static final String KAFKA_CONTROLLER = "kafka-controller";
    public static final String TRACES = "traces";

    private static final Map<String, Integer> DEFAULT_PORTS = defaults();

    private static Map<String, Integer> defaults() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(GATEWAY, 8080);
        ports.put(MEMBER, 8081);
        ports.put(HONORS, 8082);
        ports.put(CARE, 8083);
        ports.put(EVENTS, 8084);
        ports.put(KEYCLOAK, 8180);
        ports.put(KEYCLOAK_MANAGEMENT, 9180);
        ports.put(POSTGRES, 15432);
        ports.put(KAFKA, 19092);
        ports.put(KAFKA_CONTROLLER, 19093);
        ports.put(TRACES, 4318);
        return ports;
    }

    /** The developer's platform: data under deploy/local/data, survives restarts. */
    public static PlatformSettings local(Path root) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        DEFAULT_PORTS.forEach((name, port) -> ports.put(name, Integer.getInteger(property(name), port)));
        return new PlatformSettings(root, root.resolve("deploy/local/data"), sharedCacheDir(), ports);
    }

    /** A private platform for the end-to-end suite: free ports, fresh data. */
    public static PlatformSettings isolated(Path root, Path dataDir) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        DEFAULT_PORTS.keySet().forEach(name -> ports.put(name, Ports.free()));
        return new PlatformSettings(root, dataDir, sharedCacheDir(), ports);
    }

    /** The system property that moves a component's port, named in port-conflict messages. */
    public static String property(String component) {
        return "platform." + component + ".port";
    }

    public int port(String component) {
        return ports.get(component);
    }

    public Path logs() {
        return dataDir.resolve("logs");
    }

    /** Unpacked Keycloak distribution, shared by every run on this machine. */
    private static Path sharedCacheDir() {
        return Path.of(System.getProperty("platform.cache",
                Path.of(System.getProperty("user.home"), ".cache", "zj-federation").toString()));
    }

    /** The repository root: the nearest directory above the working directory holding mvnw and the services. */
    public static Path findRepositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("member-service"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run from inside the repository (no mvnw and member-service above "
                + Path.of("").toAbsolutePath() + ")");
    }
}
