package cn.zjlm.federation.platform;

import cn.zjlm.federation.local.Readiness;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One of the platform's Quarkus applications, run as its own prod-mode JVM from its packaged jar. */
public final class ServiceProcess implements AutoCloseable {
    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> systemProperties;
    private final Path logFile;
    /** The class-data archive of this build's app for this JVM (see {@link #classDataSharing()}). */
    private final Path archive;
    private Process process;
    /** Where this run dumps its class data at exit, when it starts without a current archive. */
    private Path archiveInTheMaking;
    private boolean killed;

    public ServiceProcess(String name, Path jar, int port, Map<String, String> environment,
            List<String> systemProperties, Path logFile) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.environment = environment;
        this.systemProperties = systemProperties;
        this.logFile = logFile;
        this.archive = jar.resolveSibling("class-data-" + System.getProperty("java.vm.version")
                .replaceAll("[^A-Za-z0-9.]", "_") + ".jsa");
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public synchronized void start() {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(name + " is not built (" + jar + " missing); run ./mvnw package first");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-Dquarkus.http.port=" + port));
        command.addAll(classDataSharing());
        command.addAll(systemProperties);
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /**
     * AppCDS: the classes a run loaded are archived when it exits and mapped by the next start, which is then
     * ready in about 2.5 s instead of 3.5 s (docs/performance.md). The archive belongs to this build and this
     * JVM; a run without a current one writes it to a file of its own, put in place once the run has ended.
     */
    private List<String> classDataSharing() {
        archiveInTheMaking = null;
        killed = false;
        try {
            if (Files.exists(archive) && Files.getLastModifiedTime(archive).toMillis() > newestFileOfTheBuild()) {
                return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
            }
            Files.deleteIfExists(archive);
        } catch (IOException e) {
            return List.of(); // no archive: a slower start, nothing else
        }
        archiveInTheMaking = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid()
                + "-" + System.nanoTime() + ".tmp");
        return List.of("-XX:ArchiveClassesAtExit=" + archiveInTheMaking, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** The build's newest file, in ms since the epoch: an archive older than that may not match it. */
    private long newestFileOfTheBuild() throws IOException {
        try (var files = Files.walk(jar.getParent())) {
            // files only: putting an archive in place changes the directory's time
            return files.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().contains(".jsa"))
                    .mapToLong(f -> f.toFile().lastModified()).max().orElse(Long.MAX_VALUE);
        }
    }

    /** Puts the archive this run dumped at its exit in place; a run that was killed may have left half of one. */
    private void keepArchive() {
        if (archiveInTheMaking == null || process == null || process.isAlive()) {
            return;
        }
        try {
            if (!killed && Files.exists(archiveInTheMaking)) {
                Files.move(archiveInTheMaking, archive, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(archiveInTheMaking);
            }
        } catch (IOException e) {
            // the next start runs without an archive and makes another
        }
        archiveInTheMaking = null;
    }

    /** Waits until /q/health/ready answers 200; a process that dies meanwhile is reported with its log. */
    public void awaitReady(Duration timeout) {
        Readiness.await(name, URI.create(url() + "/q/health/ready"), process, timeout, logFile);
    }

    /** The class-data archive a start maps when it is current (written when a run without one ends). */
    public Path classDataArchive() {
        return archive;
    }

    /** The operating-system process id (for RSS readings). */
    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the service (SIGTERM, so Quarkus shuts down gracefully), for restarts and fault tests. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                // writing the class-data archive at exit takes a few seconds more, with the others doing the same
                if (!process.waitFor(archiveInTheMaking == null ? 20 : 60, TimeUnit.SECONDS)) {
                    killed = true;
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                killed = true;
                process.destroyForcibly();
            }
        }
        keepArchive();
    }

    @Override
    public void close() {
        stop();
    }
}
