package cn.zjlm.federation.commons.audit;

import cn.zjlm.federation.commons.api.ResultPage;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.export.Spreadsheets;
import cn.zjlm.federation.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The service's audit trail for province administrators: search, CSV export and a chain check. Each service
 * exposes it under its own API prefix by extending this class with a {@code @Path}. Reading it is audited too.
 */
@RolesAllowed(Roles.PROVINCE_ADMIN)
public abstract class AuditRecordsResource {
    static final int MAX_EXPORT = 100_000;
    private static final List<String> HEADERS = List.of("seq", "at (UTC)", "actor", "association", "action",
            "target", "outcome", "correlation id", "details");

    @Inject
    EntityManager em;

    @Inject
    AuditTrail audit;

    /** Filters shared by the search and the export; every one optional. */
    public static class Filters {
        @QueryParam("from")
        public OffsetDateTime from;
        @QueryParam("to")
        public OffsetDateTime to;
        @QueryParam("actor")
        @Size(max = 100)
        public String actor;
        @QueryParam("association")
        @Size(max = 12)
        public String association;
        @QueryParam("action")
        @Size(max = 100)
        public String action;
        @QueryParam("target")
        @Size(max = 300)
        public String target;
        @QueryParam("outcome")
        @jakarta.validation.constraints.Pattern(regexp = "SUCCESS|DENIED|REFUSED")
        public String outcome;
        @QueryParam("correlationId")
        @Size(max = 100)
        public String correlationId;

        String describe() {
            List<String> parts = new ArrayList<>();
            addIf(parts, "from", from);
            addIf(parts, "to", to);
            addIf(parts, "actor", actor);
            addIf(parts, "association", association);
            addIf(parts, "action", action);
            addIf(parts, "target", target);
            addIf(parts, "outcome", outcome);
            addIf(parts, "correlationId", correlationId);
            return String.join("; ", parts);
        }

        private static void addIf(List<String> parts, String name, Object value) {
            if (value != null) {
                parts.add(name + "=" + value);
            }
        }
    }

    public record AuditRecordView(long seq, Instant at, String actor, String association, String action,
            String target, String outcome, String correlationId, String details) {
    }

    /** Records: those checked since the checkpoint (up to the first broken one). */
    public record ChainCheck(boolean intact, Long firstBrokenSeq, long records, Long checkpointSeq) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Search the audit trail (province administrators; newest first)",
            description = "Filters: time range (from inclusive, to exclusive), actor, association prefix, action, "
                    + "target prefix, outcome, correlation id. The search itself is audited.")
    public ResultPage<AuditRecordView> search(@jakarta.validation.Valid @BeanParam Filters filters,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(ResultPage.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        Query query = where(filters);
        long total = count(query);
        List<AuditRecordView> items = rows(query, " order by seq desc limit " + size + " offset " + (long) page * size);
        audit.record("AUDIT_SEARCHED", "audit_record", "SUCCESS", filters.describe());
        return new ResultPage<>(items, page, size, total);
    }

    @GET
    @Path("export")
    @Produces("text/csv")
    @Transactional
    @Operation(summary = "Export the matching audit records as CSV (oldest first, at most 100,000; audited)")
    public Response export(@jakarta.validation.Valid @BeanParam Filters filters) {
        Query query = where(filters);
        long total = count(query);
        if (total > MAX_EXPORT) {
            throw new ProblemException(422, "audit-export-too-large", total, MAX_EXPORT);
        }
        List<List<String>> rows = new ArrayList<>();
        for (AuditRecordView r : rows(query, " order by seq")) {
            rows.add(java.util.Arrays.asList(Long.toString(r.seq()), r.at().toString(), r.actor(), r.association(),
                    r.action(), r.target(), r.outcome(), r.correlationId(), r.details()));
        }
        audit.record("AUDIT_EXPORTED", "audit_record", "SUCCESS", rows.size() + " rows; " + filters.describe());
        return Response.ok(Spreadsheets.csv(HEADERS, rows), Spreadsheets.CSV)
                .header("Content-Disposition", "attachment; filename=\"audit-records.csv\"").build();
    }

    @GET
    @Path("verification")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Recompute the hash chain: is the trail intact since the last retention checkpoint?")
    public ChainCheck verification() {
        AuditTrail.Verification check = audit.verify();
        audit.record("AUDIT_VERIFIED", "audit_record", "SUCCESS",
                check.intact() ? "intact" : "broken at " + check.firstBrokenSeq());
        return new ChainCheck(check.intact(), check.firstBrokenSeq(), check.records(), check.checkpointSeq());
    }

    private long count(Query query) {
        return ((Number) query.apply(em.createNativeQuery("select count(*) from audit_record" + query.sql))
                .getSingleResult()).longValue();
    }

    private List<AuditRecordView> rows(Query query, String tail) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.apply(em.createNativeQuery("select seq, at, actor, association, action, target, "
                + "outcome, correlation_id, details from audit_record" + query.sql + tail)).getResultList();
        return rows.stream().map(r -> new AuditRecordView(((Number) r[0]).longValue(), AuditTrail.instant(r[1]),
                (String) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6], (String) r[7],
                (String) r[8])).toList();
    }

    /** A where clause with positional parameters, built only from the filters that are set. */
    private record Query(String sql, List<Object> parameters) {
        jakarta.persistence.Query apply(jakarta.persistence.Query query) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setParameter(i + 1, parameters.get(i));
            }
            return query;
        }
    }

    private static Query where(Filters f) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        add(conditions, parameters, "at >= ?", f.from == null ? null : f.from.toInstant());
        add(conditions, parameters, "at < ?", f.to == null ? null : f.to.toInstant());
        add(conditions, parameters, "actor = ?", f.actor);
        add(conditions, parameters, "association like ?", f.association == null ? null : like(f.association));
        add(conditions, parameters, "action = ?", f.action);
        add(conditions, parameters, "target like ?", f.target == null ? null : like(f.target));
        add(conditions, parameters, "outcome = ?", f.outcome);
        add(conditions, parameters, "correlation_id = ?", f.correlationId);
        return new Query(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), parameters);
    }

    private static void add(List<String> conditions, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            parameters.add(value);
            conditions.add(condition + parameters.size());
        }
    }

    /** A prefix match with the caller's text taken literally. */
    private static String like(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
