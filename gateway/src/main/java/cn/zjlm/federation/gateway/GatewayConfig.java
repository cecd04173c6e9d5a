package cn.zjlm.federation.gateway;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.List;
import java.util.Map;

@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {
    /** Upstream services by name, each with the path prefixes it serves. */
    Map<String, Route> routes();

    /** How long to wait for an upstream's response headers before answering 504. */
    Duration upstreamTimeout();

    interface Route {
        String url();

        List<String> prefixes();
    }
}
