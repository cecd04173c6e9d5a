package cn.zjlm.federation.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A command-line tool from a Debian package, fetched with {@code apt-get download} and unpacked into a
 * tools directory without installing anything (no root, no system change). Where apt is missing, the
 * command of the same name on the PATH is used.
 */
public final class DebianTool {
    private DebianTool() {
    }

    /** @return the executable's path, e.g. {@code fetch("hey", "usr/bin/hey", target/tools)} */
    public static synchronized String fetch(String debianPackage, String executable, Path tools) {
        Path fetched = tools.resolve(executable);
        if (!Files.isExecutable(fetched) && onPath("apt-get")) {
            try {
                Path download = Files.createDirectories(tools.resolve("deb-" + debianPackage));
                Commands.run(List.of("apt-get", "download", debianPackage), download);
                try (var debs = Files.list(download)) {
                    Path deb = debs.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst()
                            .orElseThrow(() -> new IllegalStateException("apt-get download gave no " + debianPackage));
                    Commands.run(List.of("dpkg-deb", "-x", deb.toString(), tools.toString()), null);
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot fetch " + debianPackage, e);
            }
        }
        return Files.isExecutable(fetched) ? fetched.toAbsolutePath().toString()
                : fetched.getFileName().toString();
    }

    private static boolean onPath(String command) {
        return List.of(System.getenv("PATH").split(":")).stream()
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
