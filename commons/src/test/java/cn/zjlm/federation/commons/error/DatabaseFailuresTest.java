package cn.zjlm.federation.commons.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.StaleObjectStateException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {
    @Test
    void aVersionConflictFoundAtCommitIsAConcurrentWrite() {
        // What Narayana throws when the flush at commit finds the row's version moved on.
        RollbackException atCommit = new RollbackException("ARJUNA016053: Could not commit transaction.");
        atCommit.initCause(new jakarta.persistence.OptimisticLockException(new StaleObjectStateException("Studio", 7L)));
        assertThat(DatabaseFailures.concurrentWrite(new jakarta.transaction.TransactionalException("commit", atCommit)))
                .isTrue();
        assertThat(DatabaseFailures.concurrentWrite(new StaleObjectStateException("Studio", 7L))).isTrue();
    }

    @Test
    void postgresqlEndingOneOfTwoWritersIsAConcurrentWrite() {
        for (String state : new String[] {"40001", "40P01", "55P03"}) {
            assertThat(DatabaseFailures.concurrentWrite(new RuntimeException(new SQLException("ended", state))))
                    .as(state).isTrue();
        }
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DatabaseFailures.concurrentWrite(new RuntimeException(new SQLException("check", "23514")))).isFalse();
        assertThat(DatabaseFailures.concurrentWrite(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void workIsTriedAgainWhileItsFailurePassesAndNoLonger() {
        int[] calls = {0};
        List<Long> pauses = new ArrayList<>();
        // a deadlock twice, then the work goes through
        DatabaseFailures.retryingWhilePassing(() -> {
            if (++calls[0] <= 2) {
                throw new RuntimeException(new SQLException("deadlock detected", "40P01"));
            }
        }, (e, pause) -> pauses.add(pause), 1, 2, 3);
        assertThat(calls[0]).isEqualTo(3);
        assertThat(pauses).containsExactly(1L, 2L);

        // a failure that will not pass is thrown at once
        calls[0] = 0;
        assertThatThrownBy(() -> DatabaseFailures.retryingWhilePassing(() -> {
            calls[0]++;
            throw new IllegalStateException("poison");
        }, (e, pause) -> { }, 1, 2, 3)).hasMessage("poison");
        assertThat(calls[0]).isEqualTo(1);

        // the database still out of reach after every pause: the last failure is thrown
        calls[0] = 0;
        assertThatThrownBy(() -> DatabaseFailures.retryingWhilePassing(() -> {
            calls[0]++;
            throw new RuntimeException(new SQLException("the database system is starting up", "57P03"));
        }, (e, pause) -> { }, 1, 1)).hasRootCauseMessage("the database system is starting up");
        assertThat(calls[0]).isEqualTo(3);
    }
}
