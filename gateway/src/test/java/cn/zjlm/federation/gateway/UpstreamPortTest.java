package cn.zjlm.federation.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UpstreamPortTest {
    @Test
    void anUpstreamWithoutAPortIsReachedOnItsSchemesPort() {
        // deploy/k8s names the services' ClusterIP Services without a port
        assertThat(ProxyRoutes.portOf(URI.create("http://member-service"))).isEqualTo(80);
        assertThat(ProxyRoutes.portOf(URI.create("https://member-service"))).isEqualTo(443);
        assertThat(ProxyRoutes.portOf(URI.create("http://localhost:8081"))).isEqualTo(8081);
    }
}
