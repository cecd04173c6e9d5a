package cn.zjlm.federation.commons.audit;

import cn.zjlm.federation.commons.error.CorrelationIds;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;

/** Appends to the service's hash-chained audit trail; never logs or stores clear sensitive values. */
@ApplicationScoped
public class AuditTrail {
    static final String GENESIS = "0".repeat(64);

    @Inject
    EntityManager em;

    @Inject
    SecurityIdentity identity;

    /** Who acts in a request: login name, association and the request's correlation id. */
    public record Actor(String name, String association, String correlationId) {

        public static Actor of(SecurityIdentity identity, String correlationId) {
            String name = identity == null || identity.isAnonymous() ? "anonymous"
                    : identity.getPrincipal().getName();
            String association = null;
            if (identity != null && identity.getPrincipal() instanceof JsonWebToken jwt) {
                Object claim = jwt.getClaim("association");
                association = claim == null ? null : claim.toString().replace("\"", "");
                Object username = jwt.getClaim("preferred_username");
                name = username == null ? name : username.toString().replace("\"", "");
            }
            return new Actor(name, association, correlationId);
        }
    }

    /** The current request's actor; call on a worker thread (resolving the identity may block). */
    public Actor currentActor() {
        return Actor.of(identity, currentCorrelationId());
    }

    public static String currentCorrelationId() {
        Object correlation = MDC.get(CorrelationIds.MDC_KEY);
        return correlation == null ? null : correlation.toString();
    }

    /** Appends in the caller's transaction, so the record commits with (and only with) what it describes. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void record(String action, String target, String outcome, String details) {
        record(currentActor(), action, target, outcome, details);
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public void record(Actor actor, String action, String target, String outcome, String details) {
        append(actor.name(), actor.association(), action, target, outcome, actor.correlationId(), details);
    }

    private void append(String actor, String association, String action, String target, String outcome,
            String correlationId, String details) {
        em.createNativeQuery("select audit_chain_lock()").getSingleResult();
        // Timed under the lock, so times follow the chain's order (the retention purge relies on it).
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String prev = lastHash();
        String hash = hash(prev, at, actor, association, action, target, outcome, correlationId, details);
        em.createNativeQuery("insert into audit_record (at, actor, association, action, target, outcome, "
                + "correlation_id, details, prev_hash, hash) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
                .setParameter(1, at).setParameter(2, actor).setParameter(3, association).setParameter(4, action)
                .setParameter(5, target).setParameter(6, outcome).setParameter(7, correlationId)
                .setParameter(8, details).setParameter(9, prev).setParameter(10, hash).executeUpdate();
    }

    /** The hash the next record chains to: the last record's, or after a purge of all, the checkpoint's. */
    private String lastHash() {
        @SuppressWarnings("unchecked")
        List<String> last = em.createNativeQuery("select hash from audit_record order by seq desc limit 1")
                .getResultList();
        if (!last.isEmpty()) {
            return last.get(0);
        }
        @SuppressWarnings("unchecked")
        List<String> checkpoint = em.createNativeQuery("select hash from audit_checkpoint order by seq desc limit 1")
                .getResultList();
        return checkpoint.isEmpty() ? GENESIS : checkpoint.get(0);
    }

    /** The outcome of {@link #verify}: the first broken record (null when intact), and where checking began. */
    public record Verification(Long firstBrokenSeq, long records, Long checkpointSeq) {
        public boolean intact() {
            return firstBrokenSeq == null;
        }
    }

    /**
     * Recomputes the chain from the last retention checkpoint (or the start). Reads in batches, so a long
     * trail does not fill the heap, from one snapshot, so a purge committing meanwhile is not a break.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Verification verify() {
        em.createNativeQuery("set transaction isolation level repeatable read").executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> checkpoint = em.createNativeQuery("select seq, hash from audit_checkpoint order by seq desc limit 1")
                .getResultList();
        Long checkpointSeq = checkpoint.isEmpty() ? null : ((Number) checkpoint.get(0)[0]).longValue();
        long after = checkpointSeq == null ? 0 : checkpointSeq;
        String prev = checkpoint.isEmpty() ? GENESIS : (String) checkpoint.get(0)[1];
        long records = 0;
        while (true) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select seq, at, actor, association, action, target, outcome, "
                    + "correlation_id, details, prev_hash, hash from audit_record where seq > ?1 order by seq limit 5000")
                    .setParameter(1, after).getResultList();
            if (rows.isEmpty()) {
                return new Verification(null, records, checkpointSeq);
            }
            for (Object[] r : rows) {
                records++;
                String expected = hash(prev, instant(r[1]), (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                        (String) r[6], (String) r[7], (String) r[8]);
                if (!prev.equals(r[9]) || !expected.equals(r[10])) {
                    return new Verification(((Number) r[0]).longValue(), records, checkpointSeq);
                }
                prev = (String) r[10];
                after = ((Number) r[0]).longValue();
            }
            em.clear();
        }
    }

    /** Removes records older than the retention period (at least 180 days, enforced by the database). */
    @Transactional
    public long purge(java.time.Duration retention) {
        return ((Number) em.createNativeQuery("select audit_purge(cast(?1 as interval))")
                .setParameter(1, retention.toSeconds() + " seconds").getSingleResult()).longValue();
    }

    static Instant instant(Object value) {
        return value instanceof Instant i ? i : ((java.time.OffsetDateTime) value).toInstant();
    }

    static String hash(String prev, Instant at, String... fields) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(prev.getBytes(StandardCharsets.US_ASCII));
            digest.update(("|" + at.truncatedTo(ChronoUnit.MICROS)).getBytes(StandardCharsets.UTF_8));
            for (String field : fields) {
                // length-prefixed so that moving text between fields changes the hash
                String value = field == null ? "" : field;
                digest.update(("|" + value.length() + ":" + value).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
