package cn.zjlm.federation.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders an overlay with the real kustomize inside kubectl. kubectl comes from Debian's
 * kubernetes-client package (kustomize 2, the oldest the manifests keep to), fetched into target/
 * without installing anything; where apt is missing, the kubectl on the PATH is used.
 */
final class Kustomize {
    private static final Path TOOLS = Path.of("target/tools");
    private static String kubectl;

    private Kustomize() {
    }

    static String build(Path overlay) {
        return run(List.of(kubectl(), "kustomize", overlay.toString()), null);
    }

    private static synchronized String kubectl() {
        if (kubectl == null) {
            Path fetched = TOOLS.resolve("usr/bin/kubectl");
            if (!Files.isExecutable(fetched) && onPath("apt-get")) {
                try {
                    Files.createDirectories(TOOLS);
                    run(List.of("apt-get", "download", "kubernetes-client"), TOOLS);
                    try (var debs = Files.list(TOOLS)) {
                        Path deb = debs.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst()
                                .orElseThrow(() -> new IllegalStateException("apt-get download gave no package"));
                        run(List.of("dpkg-deb", "-x", deb.toString(), TOOLS.toString()), null);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            kubectl = Files.isExecutable(fetched) ? fetched.toAbsolutePath().toString() : "kubectl";
        }
        return kubectl;
    }

    private static boolean onPath(String command) {
        return List.of(System.getenv("PATH").split(":")).stream().anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }

    private static String run(List<String> command, Path dir) {
        try {
            Path err = Files.createTempFile("kustomize", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + Files.readString(err));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(command + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
