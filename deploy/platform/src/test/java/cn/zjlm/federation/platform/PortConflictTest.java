package cn.zjlm.federation.platform;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortConflictTest {

    @Test
    void aPortInUseIsNamedWithTheSettingThatMovesIt(@org.junit.jupiter.api.io.TempDir Path data) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PlatformSettings free = PlatformSettings.isolated(PlatformSettings.findRepositoryRoot(), data);
            Map<String, Integer> ports = new LinkedHashMap<>(free.ports());
            ports.put(PlatformSettings.KEYCLOAK, taken.getLocalPort());
            PlatformSettings settings = new PlatformSettings(free.repositoryRoot(), data, free.cacheDir(), ports);
            assertThatThrownBy(() -> Platform.start(settings, line -> { }))
                    .hasMessageContaining("Port " + taken.getLocalPort() + " for keycloak is already in use")
                    .hasMessageContaining("-Dplatform.keycloak.port=<port>");
        }
    }
}
