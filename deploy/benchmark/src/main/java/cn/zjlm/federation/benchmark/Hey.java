package cn.zjlm.federation.benchmark;

import cn.zjlm.federation.local.Commands;
import cn.zjlm.federation.local.DebianTool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP load from {@code hey} (Debian package, fetched into target/tools): a fixed number of workers
 * for a fixed time, each sending its next request when the last one is answered.
 */
final class Hey {
    private static final Pattern SLOWEST = Pattern.compile("Slowest:\\s+([0-9.]+) secs");
    private static final Pattern TOTAL = Pattern.compile("Total:\\s+([0-9.]+) secs");
    private static final Pattern STATUS = Pattern.compile("\\[(\\d{3})]\\s+(\\d+) responses");
    private static final Pattern ERRORS = Pattern.compile("(?m)^\\s+\\[(\\d+)]\\s+(?!responses).*$");

    private Hey() {
    }

    static Load run(String label, String url, String token, Duration duration, int concurrency) {
        String hey = DebianTool.fetch("hey", "usr/bin/hey", Path.of("target/tools"));
        List<String> command = new ArrayList<>(List.of(hey, "-z", duration.toSeconds() + "s", "-c",
                Integer.toString(concurrency), "-disable-compression", "-T", "application/json"));
        if (token != null) {
            command.addAll(List.of("-H", "Authorization: Bearer " + token));
        }
        command.add(url);
        String output = Commands.run(command, null);
        Load load = parse(label, output);
        if (load.failures() > 0) {
            int from = output.indexOf("Status code distribution:");
            System.out.println("  " + label + ": " + (from < 0 ? output : output.substring(from)).strip());
        }
        return load;
    }

    /** Reads hey's text summary; anything but a 200 counts as a failure. */
    static Load parse(String label, String output) {
        double seconds = number(TOTAL, output);
        long ok = 0;
        long failures = 0;
        Matcher status = STATUS.matcher(output);
        while (status.find()) {
            long count = Long.parseLong(status.group(2));
            if (status.group(1).equals("200")) {
                ok += count;
            } else {
                failures += count;
            }
        }
        int errorsAt = output.indexOf("Error distribution:");
        if (errorsAt >= 0) {
            Matcher errors = ERRORS.matcher(output.substring(errorsAt));
            while (errors.find()) {
                failures += Long.parseLong(errors.group(1));
            }
        }
        return new Load(label, ok, failures, ok / seconds, percentileMillis(output, 50), percentileMillis(output, 99));
    }

    /** hey leaves out a percentile it has too few samples for (under 100 for the 99th): the slowest stands in. */
    private static double percentileMillis(String output, int p) {
        Matcher m = Pattern.compile("\\s" + p + "% in ([0-9.]+) secs").matcher(output);
        return (m.find() ? Double.parseDouble(m.group(1)) : number(SLOWEST, output)) * 1000;
    }

    private static double number(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("unexpected hey output:\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }
}
