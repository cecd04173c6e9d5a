package cn.zjlm.federation.honors.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** An objection (异议) filed during public notice; its contact phone is stored encrypted. */
@Entity
public class Objection extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "nomination_id")
    public UUID nominationId;

    @Column(name = "contact_name")
    public String contactName;

    @Column(name = "contact_phone_cipher")
    public String contactPhoneCipher;

    public String content;

    /** OPEN, UPHELD or DISMISSED */
    public String status;

    public String findings;

    @Column(name = "resolved_by")
    public String resolvedBy;

    /** Keyed hash of the filer's address, for rate limiting only. */
    @Column(name = "source_index")
    public String sourceIndex;

    @Column(name = "filed_at")
    public Instant filedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;
}
