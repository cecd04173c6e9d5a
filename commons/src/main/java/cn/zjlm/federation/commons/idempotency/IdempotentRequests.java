package cn.zjlm.federation.commons.idempotency;

import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.security.Caller;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a POST at most once per caller and Idempotency-Key: a retry with the same key and body gets
 * the first response again (header {@code Idempotency-Replayed: true}); the same key with another
 * body is refused (422). The key is claimed in the action's own transaction, so a concurrent retry
 * waits for the first to finish, and a failed action releases the key.
 */
@ApplicationScoped
public class IdempotentRequests {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotency-Replayed";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    Caller caller;

    /**
     * @param key the Idempotency-Key header, or null to just run the action
     * @param operation names the operation and its path ids, so a key cannot replay another operation
     * @param request the request body (hashed to detect a reused key)
     */
    @Transactional
    public Response run(String key, String operation, Object request, Supplier<Response> action) {
        return runInTransaction(key, operation, request, action);
    }

    /** As {@link #run}, in a transaction of up to ten minutes: for work over a whole cycle's lines. */
    @Transactional
    @io.quarkus.narayana.jta.runtime.TransactionConfiguration(timeout = 600)
    public Response runLong(String key, String operation, Object request, Supplier<Response> action) {
        return runInTransaction(key, operation, request, action);
    }

    private Response runInTransaction(String key, String operation, Object request, Supplier<Response> action) {
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > 255) {
            throw ProblemException.invalidField(HEADER, "idempotency-key.invalid");
        }
        String who = caller.subject();
        String hash = hash(operation, request);
        int claimed = em.createNativeQuery("insert into idempotency_key (caller, idempotency_key, operation, "
                + "request_hash) values (?1, ?2, ?3, ?4) on conflict do nothing")
                .setParameter(1, who).setParameter(2, key).setParameter(3, operation).setParameter(4, hash)
                .executeUpdate();
        if (claimed == 0) {
            return replay(who, key, hash);
        }
        Response response = action.get();
        em.createNativeQuery("update idempotency_key set status = ?1, location = ?2, body = ?3, etag = ?6 "
                + "where caller = ?4 and idempotency_key = ?5")
                .setParameter(1, response.getStatus())
                .setParameter(2, response.getLocation() == null ? null : response.getLocation().toString())
                .setParameter(3, response.hasEntity() ? json(response.getEntity()) : null)
                .setParameter(4, who).setParameter(5, key)
                .setParameter(6, response.getEntityTag() == null ? null : response.getEntityTag().getValue())
                .executeUpdate();
        return response;
    }

    private Response replay(String who, String key, String hash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select request_hash, status, location, body, etag from idempotency_key "
                + "where caller = ?1 and idempotency_key = ?2").setParameter(1, who).setParameter(2, key)
                .getResultList();
        if (rows.isEmpty() || rows.get(0)[1] == null) {
            throw ProblemException.conflict("idempotency-in-progress");
        }
        Object[] row = rows.get(0);
        if (!hash.equals(row[0])) {
            throw new ProblemException(422, "idempotency-key-reused");
        }
        Response.ResponseBuilder replay = Response.status(((Number) row[1]).intValue()).header(REPLAYED, "true");
        if (row[2] != null) {
            replay.location(URI.create((String) row[2]));
        }
        if (row[3] != null) {
            replay.entity(row[3]).type(MediaType.APPLICATION_JSON_TYPE);
        }
        if (row[4] != null) {
            replay.tag((String) row[4]);
        }
        return replay.build();
    }

    /** Keys are kept for a day: long enough for any client retry. */
    @Scheduled(every = "1h", delayed = "5m")
    @Transactional
    void purge() {
        em.createNativeQuery("delete from idempotency_key where created_at < now() - interval '24 hours'")
                .executeUpdate();
    }

    private String json(Object value) {
        try {
            return value instanceof String s ? s : mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response is not serializable", e);
        }
    }

    private String hash(String operation, Object request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(operation.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(json(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
