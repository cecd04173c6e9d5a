package cn.zjlm.federation.care.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** The entitlements of one programme period for an association subtree, generated in one go. */
@Entity
@Table(name = "payment_cycle")
public class PaymentCycle extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "programme_code")
    public String programmeCode;

    @Column(name = "association_code")
    public String associationCode;

    public String period;

    public int year;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_generated_at")
    public Instant lastGeneratedAt;

    @Column(name = "last_approved_by")
    public String lastApprovedBy;

    @Column(name = "last_approved_at")
    public Instant lastApprovedAt;

    @Version
    public long version;
}
