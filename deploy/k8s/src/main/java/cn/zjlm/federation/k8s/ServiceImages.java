package cn.zjlm.federation.k8s;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Container images of the services and the gateway, built without Docker (Jib) from Quarkus' fast-jar
 * layout, one layer per rate of change (libraries, generated code, the application). Jib fixes file
 * times and ordering, so the same application gives the same image digest. Run
 * {@code ServiceImages <service> <image> [base]} after {@code ./mvnw package} to push to a registry
 * with the credentials of ~/.docker/config.json.
 */
public final class ServiceImages {
    /** Quarkus' JVM runtime base for Java 17; the release pipeline pins it by digest. */
    public static final String BASE = "registry.access.redhat.com/ubi9/openjdk-17-runtime:1.23";
    /** The base images' unprivileged user (jboss); the Deployments run as it. */
    public static final String USER = "185";
    public static final int PORT = 8080;
    static final AbsoluteUnixPath HOME = AbsoluteUnixPath.get("/deployments");

    private ServiceImages() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ServiceImages <service directory> <image> [base image]");
        }
        RegistryImage target = RegistryImage.named(args[1]).addCredentialRetriever(
                CredentialRetrieverFactory.forImage(com.google.cloud.tools.jib.api.ImageReference.parse(args[1]),
                        event -> { }).dockerConfig());
        JibContainer built = builder(Jib.from(args.length > 2 ? args[2] : BASE), Path.of(args[0]))
                .containerize(Containerizer.to(target));
        System.out.println(args[1] + "@" + built.getDigest());
    }

    /** Builds the service's image into a tar (docker load / crane / kind load), e.g. for tests. */
    public static JibContainer toTar(JibContainerBuilder base, Path serviceDirectory, String name, Path tar)
            throws Exception {
        return builder(base, serviceDirectory).containerize(Containerizer.to(TarImage.at(tar).named(name)));
    }

    static JibContainerBuilder builder(JibContainerBuilder base, Path serviceDirectory) throws Exception {
        Path app = serviceDirectory.resolve("target/quarkus-app");
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(app + " has no quarkus-run.jar: package the service first");
        }
        return base
                .setFileEntriesLayers(List.of(
                        layer("libraries", app, "lib"),
                        layer("quarkus", app, "quarkus"),
                        layer("application", app, "app", "quarkus-run.jar")))
                .setWorkingDirectory(HOME)
                .setUser(USER)
                .setExposedPorts(Set.of(Port.tcp(PORT)))
                .setEnvironment(Map.of("QUARKUS_HTTP_PORT", String.valueOf(PORT), "LANG", "C.UTF-8"))
                .setEntrypoint(List.of("java", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                        "-jar", HOME.resolve("quarkus-run.jar").toString()))
                .addLabel("org.opencontainers.image.source", "zjlm-federation-platform")
                .addLabel("org.opencontainers.image.title", serviceDirectory.toAbsolutePath().normalize()
                        .getFileName().toString());
    }

    private static FileEntriesLayer layer(String name, Path app, String... entries) throws Exception {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        for (String entry : entries) {
            layer.addEntryRecursive(app.resolve(entry), HOME.resolve(entry));
        }
        return layer.build();
    }
}
