package cn.zjlm.federation.care.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One entitlement of one person under one programme for one period (unique), with its explanation. */
@Entity
@Table(name = "care_case")
public class CareCase extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "programme_code")
    public String programmeCode;

    @Column(name = "association_code")
    public String associationCode;

    @Column(name = "member_id")
    public UUID memberId;

    /** Blind index of the beneficiary's ID number: identifies the person without the number. */
    @Column(name = "beneficiary_index")
    public String beneficiaryIndex;

    @Column(name = "beneficiary_name")
    public String beneficiaryName;

    /** The programme period, e.g. "2027" or the conferral a one-time award belongs to. */
    public String period;

    /** Year the period belongs to; budgets are yearly. */
    public int year;

    /** Exact to the fen; null until assessed. */
    public BigDecimal amount;

    @JdbcTypeCode(SqlTypes.JSON)
    public String explanation;

    public String state;

    @Column(name = "source_event_id")
    public UUID sourceEventId;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** MEMBER, or SPOUSE of a deceased national model worker (discretionary). */
    @Column(name = "beneficiary_kind")
    public String beneficiaryKind = "MEMBER";

    /** For a spouse: the deceased member the entitlement derives from. */
    @Column(name = "related_member_id")
    public UUID relatedMemberId;

    /** A spouse's ID number, encrypted (members' numbers stay in member-service). */
    @Column(name = "beneficiary_id_cipher")
    public String beneficiaryIdCipher;

    /** Encrypted JSON of the income and health inputs; the explanation shows them masked. */
    @Column(name = "sensitive_inputs")
    public String sensitiveInputs;

    @Column(name = "application_note")
    public String applicationNote;

    @JdbcTypeCode(SqlTypes.JSON)
    public String documents = "[]";

    @Column(name = "discretion_reason")
    public String discretionReason;

    @Column(name = "discretion_by")
    public String discretionBy;

    @Column(name = "discretion_at")
    public Instant discretionAt;

    @Column(name = "assessed_by")
    public String assessedBy;

    @Column(name = "assessed_at")
    public Instant assessedAt;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "approved_at")
    public Instant approvedAt;

    @Column(name = "rejected_by")
    public String rejectedBy;

    @Column(name = "rejected_at")
    public Instant rejectedAt;

    /** Why the case was rejected, held or dropped. */
    @Column(name = "decision_reason")
    public String decisionReason;

    @Column(name = "cycle_id")
    public UUID cycleId;

    @Column(name = "budget_id")
    public Long budgetId;

    @Version
    public long version;

    /** States in which the case still waits for something and can be held. */
    public static final java.util.List<String> OPEN = java.util.List.of("APPLIED", "PENDING_APPROVAL", "APPROVED",
            "PAYMENT_FAILED");
    /** States whose amount counts against the budget. */
    public static final java.util.List<String> COMMITTED = java.util.List.of("APPROVED", "PAID", "PAYMENT_FAILED");

    /** What the person's other cases of a programme hold against its yearly cap: approved, paid or being paid. */
    public static java.math.BigDecimal committedInYear(String programme, String beneficiaryIndex, int year, UUID except) {
        return find("select coalesce(sum(amount), 0) from CareCase where programmeCode = ?1 and beneficiaryIndex = ?2 "
                + "and year = ?3 and state in ?4 and id <> ?5", programme, beneficiaryIndex, year, COMMITTED, except)
                .project(java.math.BigDecimal.class).firstResult();
    }

    public boolean isSpouseCase() {
        return "SPOUSE".equals(beneficiaryKind);
    }
}
