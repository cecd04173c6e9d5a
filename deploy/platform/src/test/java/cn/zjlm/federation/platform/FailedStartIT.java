package cn.zjlm.federation.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service that fails to start is reported with its log file, and everything already started (the
 * database, the broker, Keycloak and the healthy services) is stopped.
 */
class FailedStartIT {
    @Test
    void aServiceThatDiesDuringStartIsReportedWithItsLogAndTheRestIsStopped(@TempDir Path tmp) throws IOException {
        Path real = PlatformSettings.findRepositoryRoot();
        Path root = tmp.resolve("repo");
        Path realm = root.resolve("deploy/local/realm/federation-realm.json");
        Files.createDirectories(realm.getParent());
        Files.copy(real.resolve("deploy/local/realm/federation-realm.json"), realm);
        for (String service : List.of(PlatformSettings.MEMBER, PlatformSettings.CARE, PlatformSettings.EVENTS,
                PlatformSettings.GATEWAY)) {
            Files.createDirectories(root.resolve(service).resolve("target"));
            Files.createSymbolicLink(root.resolve(service).resolve("target/quarkus-app"),
                    real.resolve(service).resolve("target/quarkus-app"));
        }
        Path broken = root.resolve(PlatformSettings.HONORS).resolve("target/quarkus-app/quarkus-run.jar");
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, "not a jar");
        PlatformSettings settings = PlatformSettings.isolated(root, tmp.resolve("data"));

        assertThatThrownBy(() -> Platform.start(settings, line -> { }))
                .hasMessageContaining("honors-service exited with code")
                .hasMessageContaining(settings.logs().resolve("honors-service.log").toString());
        assertThat(Files.readString(settings.logs().resolve("honors-service.log"))).containsIgnoringCase("jar");
        // The healthy services did start (they wrote their logs) and, like the infrastructure, were stopped.
        assertThat(Files.readString(settings.logs().resolve("member-service.log"))).contains("member-service");
        settings.ports().forEach((component, port) -> assertThat(isFree(port)).as(component + " port " + port + " freed")
                .isTrue());
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
