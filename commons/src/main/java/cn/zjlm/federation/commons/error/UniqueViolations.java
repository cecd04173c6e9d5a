package cn.zjlm.federation.commons.error;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Finds a unique-constraint violation (SQLSTATE 23505), or a check-constraint one (23514), in an exception's causes,
 * with the constraint's name.
 */
public final class UniqueViolations {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String CHECK_VIOLATION = "23514";

    private UniqueViolations() {
    }

    /** The name of the violated unique constraint, when {@code e} was caused by one. */
    public static Optional<String> constraintOf(Throwable e) {
        return violated(e, UNIQUE_VIOLATION);
    }

    /**
     * The name of the violated check constraint, when {@code e} was caused by one: input the service's own checks let
     * through (they run first), e.g. two times equal only once PostgreSQL keeps them to the microsecond.
     */
    public static Optional<String> checkOf(Throwable e) {
        return violated(e, CHECK_VIOLATION);
    }

    private static Optional<String> violated(Throwable e, String sqlState) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException c
                    && c.getSQLException() != null && sqlState.equals(c.getSQLException().getSQLState())) {
                return Optional.ofNullable(c.getConstraintName()).or(() -> Optional.of("?"));
            }
            if (t instanceof SQLException s && sqlState.equals(s.getSQLState())) {
                return Optional.of("?");
            }
        }
        return Optional.empty();
    }

    public static boolean isViolationOf(Throwable e, String constraint) {
        return constraintOf(e).filter(constraint::equals).isPresent();
    }
}
