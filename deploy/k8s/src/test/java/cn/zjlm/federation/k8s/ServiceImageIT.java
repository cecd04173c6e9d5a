package cn.zjlm.federation.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the gateway's image into a tar without Docker, twice: the same application gives the same
 * digest, and the image runs the fast-jar as the unprivileged user on the port the manifests use.
 * The base here is empty (no registry is reachable from the build); releases put the same layers on
 * ServiceImages.BASE.
 */
class ServiceImageIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theGatewayImageIsReproducibleLayeredAndUnprivileged(@TempDir Path dir) throws Exception {
        Path gateway = RenderedOverlay.ROOT.resolve("gateway");
        JibContainer first = ServiceImages.toTar(Jib.fromScratch(), gateway, "federation/gateway:test", dir.resolve("a.tar"));
        JibContainer second = ServiceImages.toTar(Jib.fromScratch(), gateway, "federation/gateway:test", dir.resolve("b.tar"));
        assertThat(second.getDigest()).isEqualTo(first.getDigest());
        assertThat(second.getImageId()).isEqualTo(first.getImageId());

        Map<String, byte[]> entries = entries(Files.newInputStream(dir.resolve("a.tar")));
        JsonNode manifest = JSON.readTree(entries.get("manifest.json")).get(0);
        assertThat(manifest.path("RepoTags").get(0).asText()).isEqualTo("federation/gateway:test");
        JsonNode config = JSON.readTree(entries.get(manifest.path("Config").asText())).path("config");
        assertThat(config.path("User").asText()).isEqualTo(ServiceImages.USER);
        assertThat(config.path("ExposedPorts").has(ServiceImages.PORT + "/tcp")).isTrue();
        assertThat(config.path("Entrypoint").toString()).contains("-jar", "/deployments/quarkus-run.jar");
        assertThat(config.path("WorkingDir").asText()).isEqualTo("/deployments");

        List<List<String>> layers = new ArrayList<>();
        for (JsonNode layer : manifest.path("Layers")) {
            layers.add(List.copyOf(entries(new GZIPInputStream(new ByteArrayInputStream(entries.get(layer.asText()))))
                    .keySet()));
        }
        assertThat(layers).as("libraries, generated code and application in their own layers").hasSize(3);
        assertThat(layers.get(0)).anyMatch(p -> p.matches("deployments/lib/main/.*\\.jar"));
        assertThat(layers.get(1)).anyMatch(p -> p.startsWith("deployments/quarkus/"));
        assertThat(layers.get(2)).contains("deployments/quarkus-run.jar")
                .anyMatch(p -> p.startsWith("deployments/app/"));
    }

    /** Path -> bytes of every file in a tar stream. */
    private static Map<String, byte[]> entries(InputStream in) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.isFile()) {
                    files.put(e.getName().replaceFirst("^/", ""), tar.readAllBytes());
                }
            }
        }
        return files;
    }
}
