package cn.zjlm.federation.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HeyTest {
    private static final String OUTPUT = """

            Summary:
              Total:	2.0005 secs
              Slowest:	0.0157 secs
              Fastest:	0.0003 secs
              Average:	0.0013 secs
              Requests/sec:	1570.6373

            Response time histogram:
              0.000 [1]	|
              0.002 [2822]	|■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■

            Latency distribution:
              10% in 0.0006 secs
              50% in 0.0010 secs
              99% in 0.0062 secs

            Status code distribution:
              [200]	3142 responses
              [503]	8 responses

            Error distribution:
              [5]	Get "http://localhost:18998/": dial tcp 127.0.0.1:18998: connect: connection refused
            """;

    @Test
    void readsThroughputPercentilesAndCountsAnythingButOkAsFailed() {
        Load load = Hey.parse("x", OUTPUT);
        assertThat(load.requests()).isEqualTo(3142);
        assertThat(load.failures()).isEqualTo(13);
        assertThat(load.perSecond()).isCloseTo(3142 / 2.0005, within(0.01));
        assertThat(load.p50Millis()).isCloseTo(1.0, within(1e-9));
        assertThat(load.p99Millis()).isCloseTo(6.2, within(1e-9));
    }

    @Test
    void withTooFewSamplesForA99thPercentileTheSlowestStandsIn() {
        Load load = Hey.parse("z", OUTPUT.replace("  99% in 0.0062 secs\n", "  0% in 0.0000 secs\n"));
        assertThat(load.p99Millis()).isCloseTo(15.7, within(1e-9));
    }

    @Test
    void percentilesAreNearestRank() {
        Load load = Load.of("y", new long[] {5_000_000, 1_000_000, 3_000_000, 2_000_000, 4_000_000}, 0, 1.0);
        assertThat(load.p50Millis()).isEqualTo(3.0);
        assertThat(load.p99Millis()).isEqualTo(5.0);
        assertThat(load.perSecond()).isEqualTo(5.0);
    }
}
