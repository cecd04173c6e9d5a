package cn.zjlm.federation.benchmark;

/** Figures of one load run at a fixed concurrency: throughput and latency percentiles. */
record Load(String label, long requests, long failures, double perSecond, double p50Millis, double p99Millis) {

    static Load of(String label, long[] latenciesNanos, long failures, double seconds) {
        long[] sorted = latenciesNanos.clone();
        java.util.Arrays.sort(sorted);
        return new Load(label, sorted.length, failures, sorted.length / seconds, percentile(sorted, 50) / 1e6,
                percentile(sorted, 99) / 1e6);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
