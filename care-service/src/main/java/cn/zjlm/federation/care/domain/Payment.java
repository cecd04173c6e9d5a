package cn.zjlm.federation.care.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A payment attempt for a case; the database admits one PAID row per person, programme and period. */
@Entity
public class Payment extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "case_id")
    public UUID caseId;

    @Column(name = "programme_code")
    public String programmeCode;

    @Column(name = "beneficiary_index")
    public String beneficiaryIndex;

    public String period;

    public BigDecimal amount;

    /** PAID or FAILED. */
    public String outcome;

    @Column(name = "bank_reference")
    public String bankReference;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "paid_on")
    public LocalDate paidOn;

    @Column(name = "recorded_by")
    public String recordedBy;

    @Column(name = "recorded_at")
    public Instant recordedAt;
}
