package cn.zjlm.federation.commons.error;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import org.hibernate.StaleObjectStateException;
import org.junit.jupiter.api.Test;

class ConcurrentWriteTest {
    @Test
    void aVersionConflictFoundAtCommitIsAConcurrentWrite() {
        // What Narayana throws when the flush at commit finds the row's version moved on.
        RollbackException atCommit = new RollbackException("ARJUNA016053: Could not commit transaction.");
        atCommit.initCause(new jakarta.persistence.OptimisticLockException(new StaleObjectStateException("Studio", 7L)));
        assertThat(ProblemMappers.concurrentWrite(new jakarta.transaction.TransactionalException("commit", atCommit)))
                .isTrue();
        assertThat(ProblemMappers.concurrentWrite(new StaleObjectStateException("Studio", 7L))).isTrue();
    }

    @Test
    void postgresqlEndingOneOfTwoWritersIsAConcurrentWrite() {
        for (String state : new String[] {"40001", "40P01", "55P03"}) {
            assertThat(ProblemMappers.concurrentWrite(new RuntimeException(new SQLException("ended", state))))
                    .as(state).isTrue();
        }
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(ProblemMappers.concurrentWrite(new RuntimeException(new SQLException("check", "23514")))).isFalse();
        assertThat(ProblemMappers.concurrentWrite(new IllegalStateException("bug"))).isFalse();
    }
}
