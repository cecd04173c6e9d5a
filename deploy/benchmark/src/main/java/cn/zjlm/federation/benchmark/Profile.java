package cn.zjlm.federation.benchmark;

import cn.zjlm.federation.local.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a service spends its CPU during a run: a JDK Flight Recorder recording taken with jcmd, summarised
 * as the methods most often on the sampled stacks (inclusive), so a missed target points at its cause.
 */
final class Profile {
    private static final Pattern FRAME = Pattern.compile("^\\s+([\\w.$<>]+)\\(", Pattern.MULTILINE);

    private final long pid;
    private final Path file;

    private Profile(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    static Profile start(long pid, Path dir) throws Exception {
        Path file = Files.createDirectories(dir).resolve("profile-" + pid + "-" + System.nanoTime() + ".jfr");
        Commands.run(List.of(jdkTool("jcmd"), Long.toString(pid), "JFR.start", "name=bench", "settings=profile",
                "filename=" + file), null);
        return new Profile(pid, file);
    }

    /** Stops the recording; the {@code top} methods by share of samples, application and library alike. */
    String stop(int top) throws Exception {
        Commands.run(List.of(jdkTool("jcmd"), Long.toString(pid), "JFR.stop", "name=bench"), null);
        String samples = Commands.run(List.of(jdkTool("jfr"), "print", "--events", "jdk.ExecutionSample",
                file.toString()), null);
        Map<String, Integer> inclusive = new HashMap<>();
        int total = 0;
        for (String event : samples.split("jdk.ExecutionSample")) {
            Matcher m = FRAME.matcher(event);
            Set<String> seen = new HashSet<>();
            while (m.find()) {
                if (seen.add(m.group(1))) {
                    inclusive.merge(m.group(1), 1, Integer::sum);
                }
            }
            total += seen.isEmpty() ? 0 : 1;
        }
        int samplesTotal = Math.max(total, 1);
        return inclusive.entrySet().stream().filter(e -> !e.getKey().startsWith("java.lang.Thread")
                        && !e.getKey().contains("Runnable.run") && !e.getKey().contains("ThreadPool"))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .map(e -> String.format("      %5.1f%%  %s", 100.0 * e.getValue() / samplesTotal, e.getKey()))
                .collect(Collectors.joining("\n", "    " + total + " samples, share of stacks containing:\n", ""));
    }

    private static String jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }
}
