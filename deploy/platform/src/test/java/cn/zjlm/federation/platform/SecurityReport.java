package cn.zjlm.federation.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The end-to-end run's security and reliability figures: printed, and appended to target/security-report.md. */
final class SecurityReport {
    private static final Path FILE = PlatformSettings.findRepositoryRoot().resolve("deploy/platform/target/security-report.md");

    private static boolean started;

    private SecurityReport() {
    }

    static synchronized void section(String title, String body) {
        String text = "## " + title + "\n\n" + body.strip() + "\n\n";
        System.out.println("[security-report]\n" + text);
        try {
            Files.createDirectories(FILE.getParent());
            if (!started) { // one report per run
                Files.writeString(FILE, "# Security and reliability checks of this run\n\n", StandardCharsets.UTF_8);
                started = true;
            }
            Files.writeString(FILE, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
