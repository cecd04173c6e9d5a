package cn.zjlm.federation.member.certificates;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** A certificate of honour (劳模证明) for one honour of one member, verifiable by its code. */
@Entity
public class Certificate extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "honour_id")
    public UUID honourId;

    @Column(name = "verification_code")
    public String verificationCode;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "issued_by")
    public String issuedBy;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_by")
    public String revokedBy;

    @Column(name = "revocation_reason")
    public String revocationReason;
}
