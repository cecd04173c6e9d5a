package cn.zjlm.federation.commons.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {
    @Test
    void idsAreVersion7WithTheMillisecondsFirstAndRandomBitsAfter() {
        long millis = 1_796_000_000_123L; // 2026-11-30T00:53:20.123Z
        UUID id = TimeOrderedIds.at(millis);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2); // RFC 9562
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        assertThat(id.toString()).startsWith(String.format("%08x-%04x-7", millis >>> 16, millis & 0xFFFF));

        Set<UUID> sameMillisecond = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            sameMillisecond.add(TimeOrderedIds.at(millis));
        }
        assertThat(sameMillisecond).hasSize(10_000);
    }

    @Test
    void laterIdsSortAfterEarlierOnesAsPostgreSQLComparesThem() {
        UUID earlier = TimeOrderedIds.at(1_796_000_000_123L);
        UUID later = TimeOrderedIds.at(1_796_000_000_124L);
        // PostgreSQL orders uuid by its bytes, unsigned: compare the text, which sorts the same way
        assertThat(later.toString()).isGreaterThan(earlier.toString());
        assertThat(TimeOrderedIds.next().toString()).isGreaterThan(TimeOrderedIds.at(1_700_000_000_000L).toString());
    }
}
