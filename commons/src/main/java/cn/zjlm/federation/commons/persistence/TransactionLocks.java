package cn.zjlm.federation.commons.persistence;

import jakarta.persistence.EntityManager;

/**
 * A PostgreSQL advisory lock on a name, held until the transaction ends: serialises check-then-write on something
 * no row stands for yet (a person's year of a programme, a nominee across campaigns).
 */
public final class TransactionLocks {
    private TransactionLocks() {
    }

    /** Waits for, then holds until commit or rollback, the lock named {@code key}. */
    public static void lock(EntityManager em, String key) {
        em.createNativeQuery("select count(*) from pg_advisory_xact_lock(hashtext(?1))").setParameter(1, key)
                .getSingleResult();
    }
}
