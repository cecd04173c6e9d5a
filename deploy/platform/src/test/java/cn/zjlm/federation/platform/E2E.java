package cn.zjlm.federation.platform;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One real platform for the whole end-to-end run (fresh data, free ports), started on first use. */
final class E2E {
    private static Platform platform;
    private static DemoData.Result demo;
    private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();

    private E2E() {
    }

    static synchronized Platform platform() {
        if (platform == null) {
            Path root = PlatformSettings.findRepositoryRoot();
            Path data = root.resolve("deploy/platform/target/e2e-" + ProcessHandle.current().pid());
            // The matrix and bad-input runs make thousands of calls from this one address within minutes.
            PlatformSettings settings = PlatformSettings.isolated(root, data)
                    .withAppProperty(PlatformSettings.GATEWAY, "gateway.rate-limit.requests", "1000000")
                    .withAppProperty(PlatformSettings.HONORS, "federation.objections.per-source-per-hour", "1000");
            platform = Platform.start(settings, line -> System.out.println("[e2e]" + line));
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

    /** A real access token from Keycloak for a demo login; fetched again before it expires (15 min). */
    static String token(String user) {
        return cached(user, () -> platform().keycloak().passwordToken(user, "demo"));
    }

    /** A system's access token (client credentials), cached like {@link #token}. */
    static String clientToken(String client, String secret) {
        return cached("client:" + client, () -> platform().keycloak().clientToken(client, secret));
    }

    private static String cached(String key, java.util.function.Supplier<String> fetch) {
        Token token = TOKENS.compute(key, (k, held) -> held != null
                && held.fetched().isAfter(java.time.Instant.now().minus(java.time.Duration.ofMinutes(10)))
                ? held : new Token(fetch.get(), java.time.Instant.now()));
        return token.value();
    }

    private record Token(String value, java.time.Instant fetched) {
    }
}
