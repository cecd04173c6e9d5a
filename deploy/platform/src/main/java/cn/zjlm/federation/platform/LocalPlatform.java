package cn.zjlm.federation.platform;

import java.util.concurrent.CountDownLatch;

/** The run command (./mvnw package -Pplatform): starts everything, seeds demo data, runs until Ctrl-C. */
public final class LocalPlatform {
    private LocalPlatform() {
    }

    public static void main(String[] args) throws InterruptedException {
        quietBrokerLogs();
        PlatformSettings settings = PlatformSettings.local(PlatformSettings.findRepositoryRoot());
        System.out.println("\nStarting the Zhejiang Model Worker Federation Platform (data: " + settings.dataDir() + ")");
        Platform platform;
        try {
            platform = Platform.start(settings, System.out::println);
        } catch (RuntimeException e) {
            System.err.println("\nThe platform did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the platform ...");
            platform.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "platform-stop"));
        DemoData.Result demo = DemoData.seed(platform);
        System.out.println(banner(platform, demo));
        stopped.await();
    }

    static String banner(Platform p, DemoData.Result demo) {
        String gateway = p.gatewayUrl();
        return """

                ==================================================================================
                 浙江省劳模协会 Federation Platform is running.  Ctrl-C stops everything.
                ==================================================================================
                 Gateway (all APIs)   %s/api/v1/...
                 Swagger UI           %s/q/swagger-ui
                 OpenAPI (merged)     %s/openapi
                 Keycloak             %s   (realm: federation, admin console not exposed)
                 Logs                 %s
                 Traces               %s/traces/<trace id>   (all spans: logs/traces.jsonl)
                 Demo members         %d registered now, %d already present

                 Demo logins (password: demo)  user          role            association
                                               zj-admin      province-admin  330000 浙江省
                                               hz-staff      city-staff      330100 杭州市
                                               hz-admin      city-admin      330100 杭州市
                                               hz-finance    finance         330100 杭州市
                                               hu-staff      city-staff      330500 湖州市
                                               jx-staff      city-staff      330400 嘉兴市
                                               sx-staff      city-staff      330600 绍兴市
                                               sx-finance    finance         330600 绍兴市
                                               xs-staff      county-staff    330109 萧山区
                                               reviewer      reviewer        330000
                                               ops           ops             330000
                                               lm-chen       member          330109 (陈建国)
                 System client: gov-registry / gov-registry-demo-secret (client credentials)

                 Get a token:
                   curl -s -d grant_type=password -d client_id=federation-console \\
                        -d username=hz-staff -d password=demo \\
                        %s/realms/federation/protocol/openid-connect/token
                ==================================================================================
                """.formatted(gateway, gateway, gateway, p.keycloak().url(), p.settings().logs(), p.traces().endpoint(),
                demo.created(),
                demo.existing(), p.keycloak().url());
    }

    /** The in-process broker logs through Maven's console logger; keep it to warnings. */
    static void quietBrokerLogs() {
        for (String logger : new String[] {"kafka", "org.apache.kafka", "state.change.logger", "org.apache.zookeeper",
                "io.zonky"}) {
            System.setProperty("org.slf4j.simpleLogger.log." + logger, "warn");
        }
    }
}
