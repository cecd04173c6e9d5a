package cn.zjlm.federation.commons.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

class UniqueViolationsTest {
    @Test
    void aUniqueViolationIsFoundWithItsConstraintHoweverDeeplyWrapped() {
        var unique = new ConstraintViolationException("dup", new SQLException("dup", "23505"), "payment_once");
        var wrapped = new RuntimeException("commit failed", new IllegalStateException(unique));
        assertThat(UniqueViolations.constraintOf(wrapped)).contains("payment_once");
        assertThat(UniqueViolations.isViolationOf(wrapped, "payment_once")).isTrue();
        assertThat(UniqueViolations.isViolationOf(wrapped, "care_case_one_per_period")).isFalse();
    }

    @Test
    void otherDatabaseErrorsAreNotMistakenForDuplicates() {
        var check = new ConstraintViolationException("check", new SQLException("check", "23514"), "care_case_state_check");
        assertThat(UniqueViolations.constraintOf(new RuntimeException(check))).isEmpty();
        assertThat(UniqueViolations.constraintOf(new RuntimeException("no cause"))).isEmpty();
    }
}
