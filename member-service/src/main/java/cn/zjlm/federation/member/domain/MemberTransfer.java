package cn.zjlm.federation.member.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A move of a member to another association (转移), kept after the decision on both sides. */
@Entity
@Table(name = "member_transfer")
public class MemberTransfer extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "from_association")
    public String fromAssociation;

    @Column(name = "to_association")
    public String toAssociation;

    public String reason;

    @Enumerated(EnumType.STRING)
    public TransferStatus status;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decision_note")
    public String decisionNote;

    @Version
    public long version;
}
