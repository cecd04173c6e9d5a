package cn.zjlm.federation.commons.error;

import java.util.List;

/** Database failures that pass: another writer won, or the database is briefly out of reach. */
public final class DatabaseFailures {
    private DatabaseFailures() {
    }

    /** Worth trying again as it is: {@link #concurrentWrite} or {@link #unreachable}. */
    public static boolean passing(Throwable e) {
        return concurrentWrite(e) || unreachable(e);
    }

    /**
     * Runs {@code work}, and again after each pause in {@code pausesMillis} while it fails in a way that passes;
     * the last failure, or the first that will not pass, is thrown.
     */
    public static void retryingWhilePassing(Runnable work, java.util.function.BiConsumer<RuntimeException, Long> onRetry,
            long... pausesMillis) {
        for (int attempt = 0; ; attempt++) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                if (attempt >= pausesMillis.length || !passing(e)) {
                    throw e;
                }
                onRetry.accept(e, pausesMillis[attempt]);
                try {
                    Thread.sleep(pausesMillis[attempt]);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Another writer won: a version check that failed at flush or commit (Hibernate's stale state, JPA's
     * optimistic lock), or PostgreSQL ending one of two transactions (serialization failure 40001, deadlock
     * 40P01, lock not available 55P03). A request's client reloads and tries again; a consumer tries again itself.
     */
    public static boolean concurrentWrite(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && List.of("40001", "40P01", "55P03").contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database cannot be reached: no connection (08001, 08004), a connection lost on the wire (08003,
     * 08006 with a socket cause), the server shutting down or starting (57P01–57P03). Other failures,
     * pool exhaustion included, are not.
     */
    public static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("08001") || state.equals("08004") || state.matches("57P0[123]")
                        || (state.equals("08003") || state.equals("08006")) && causedBySocket(sql)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean causedBySocket(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketException || t instanceof java.io.EOFException) {
                return true;
            }
        }
        return false;
    }
}
