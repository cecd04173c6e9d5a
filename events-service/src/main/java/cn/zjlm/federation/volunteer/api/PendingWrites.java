package cn.zjlm.federation.volunteer.api;

import io.quarkus.hibernate.orm.panache.Panache;

/** Views built after a change must show the version (and ETag) the change commits with. */
final class PendingWrites {
    private PendingWrites() {
    }

    /** Flushes this request's changes, if it makes any; a read without a transaction has none. */
    static void flush() {
        var em = Panache.getEntityManager();
        if (em.isJoinedToTransaction()) {
            em.flush();
        }
    }
}
