package cn.zjlm.federation.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time used by processes and by the whole machine, from /proc (Linux), to divide by the requests served. */
final class Cpu {
    /** USER_HZ: the unit of /proc's CPU times, 100 on every Linux architecture the JDK runs on here. */
    private static final double TICKS_PER_SECOND = 100.0;

    private Cpu() {
    }

    /** Seconds of CPU (user and system) a process has used so far. */
    static double process(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // after the command name in parentheses: state is field 3, utime 14 and stime 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid, e);
        }
    }

    /** Seconds of CPU the machine's cores have spent busy (anything but idle and I/O wait) so far. */
    static double machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/stat", e);
        }
    }
}
