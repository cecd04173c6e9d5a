package cn.zjlm.federation.care.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A letter, visit or call (来信来访来电) with its reply deadline and reply. */
@Entity
public class Petition extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "association_code")
    public String associationCode;

    /** LETTER, VISIT, CALL or ONLINE. */
    public String channel;

    public String category;

    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "petitioner_name")
    public String petitionerName;

    /** The petitioner's phone, encrypted. */
    @Column(name = "contact_cipher")
    public String contactCipher;

    @Column(name = "contact_masked")
    public String contactMasked;

    public String summary;

    @Column(name = "received_on")
    public LocalDate receivedOn;

    @Column(name = "reply_due")
    public LocalDate replyDue;

    @Column(name = "policy_id")
    public Long policyId;

    public String assignee;

    /** RECEIVED, ASSIGNED or REPLIED. */
    public String status;

    public String reply;

    @Column(name = "replied_on")
    public LocalDate repliedOn;

    @Column(name = "replied_by")
    public String repliedBy;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Version
    public long version;

    public boolean isOverdue(LocalDate today) {
        return repliedOn == null ? today.isAfter(replyDue) : repliedOn.isAfter(replyDue);
    }
}
