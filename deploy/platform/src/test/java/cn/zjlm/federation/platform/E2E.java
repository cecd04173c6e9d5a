package cn.zjlm.federation.platform;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One real platform for the whole end-to-end run (fresh data, free ports), started on first use. */
final class E2E {
    private static Platform platform;
    private static DemoData.Result demo;
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private E2E() {
    }

    static synchronized Platform platform() {
        if (platform == null) {
            Path root = PlatformSettings.findRepositoryRoot();
            Path data = root.resolve("deploy/platform/target/e2e-" + ProcessHandle.current().pid());
            platform = Platform.start(PlatformSettings.isolated(root, data), line -> System.out.println("[e2e]" + line));
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "e2e-platform-stop"));
            demo = DemoData.seed(platform);
        }
        return platform;
    }

    static DemoData.Result demo() {
        platform();
        return demo;
    }

    static String gateway() {
        return platform().gatewayUrl();
    }

    /** A real access token from Keycloak for a demo login. */
    static String token(String user) {
        return TOKENS.computeIfAbsent(user, u -> platform().keycloak().passwordToken(u, "demo"));
    }
}
