package cn.zjlm.federation.care.api;

import cn.zjlm.federation.care.domain.CareCase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A case with the explanation of its amount (rule version, inputs, formula, result). Income and
 * health inputs show as "***"; their clear values need POST /cases/{id}/sensitive-data.
 */
public record CaseView(UUID id, String programmeCode, String associationCode, UUID memberId, String beneficiaryKind,
        String beneficiaryName, UUID relatedMemberId, String period, int year, BigDecimal amount, JsonNode explanation,
        String state, String decisionReason, String note, JsonNode documents, Discretion discretion, String createdBy,
        Instant createdAt, String assessedBy, String approvedBy, Instant approvedAt, String rejectedBy,
        Instant rejectedAt, UUID cycleId, Long budgetId, long version) {

    public record Discretion(String reason, String decidedBy, Instant decidedAt) {
    }

    static CaseView of(CareCase c, ObjectMapper mapper) {
        try {
            return new CaseView(c.id, c.programmeCode, c.associationCode, c.memberId, c.beneficiaryKind,
                    c.beneficiaryName, c.relatedMemberId, c.period, c.year, c.amount,
                    c.explanation == null ? null : mapper.readTree(c.explanation), c.state, c.decisionReason,
                    c.applicationNote, mapper.readTree(c.documents == null ? "[]" : c.documents),
                    c.discretionBy == null ? null : new Discretion(c.discretionReason, c.discretionBy, c.discretionAt),
                    c.createdBy, c.createdAt, c.assessedBy, c.approvedBy, c.approvedAt, c.rejectedBy,
                    c.rejectedAt, c.cycleId, c.budgetId, c.version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
