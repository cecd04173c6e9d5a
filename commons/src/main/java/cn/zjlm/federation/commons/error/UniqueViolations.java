package cn.zjlm.federation.commons.error;

import java.sql.SQLException;
import java.util.Optional;

/** Finds a unique-constraint violation (SQLSTATE 23505) in an exception's causes, with the constraint's name. */
public final class UniqueViolations {
    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolations() {
    }

    /** The name of the violated unique constraint, when {@code e} was caused by one. */
    public static Optional<String> constraintOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException c
                    && c.getSQLException() != null && UNIQUE_VIOLATION.equals(c.getSQLException().getSQLState())) {
                return Optional.ofNullable(c.getConstraintName()).or(() -> Optional.of("?"));
            }
            if (t instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
                return Optional.of("?");
            }
        }
        return Optional.empty();
    }

    public static boolean isViolationOf(Throwable e, String constraint) {
        return constraintOf(e).filter(constraint::equals).isPresent();
    }
}
