package cn.zjlm.federation.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size of a process, from /proc (Linux). */
final class Rss {
    private Rss() {
    }

    static double megabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the RSS of process " + pid, e);
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    /** Samples the processes every 200 ms until stopped; the peak of each. */
    static Peak watch(long... pids) {
        Peak peak = new Peak(pids);
        peak.thread.start();
        return peak;
    }

    static final class Peak {
        private final long[] pids;
        private final double[] max;
        private volatile boolean running = true;
        private final Thread thread;

        private Peak(long[] pids) {
            this.pids = pids;
            this.max = new double[pids.length];
            this.thread = new Thread(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            thread.setDaemon(true);
        }

        private synchronized void sample() {
            for (int i = 0; i < pids.length; i++) {
                max[i] = Math.max(max[i], megabytes(pids[i]));
            }
        }

        double[] stop() throws InterruptedException {
            running = false;
            thread.join();
            sample();
            return max.clone();
        }
    }
}
