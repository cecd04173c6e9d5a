package cn.zjlm.federation.member.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A file kept with a member record: scanned registration form (登记表), photo, certificate scan. */
@Entity
@Table(name = "member_attachment")
public class MemberAttachment extends PanacheEntityBase {
    public enum Kind { REGISTRATION_FORM, PHOTO, CERTIFICATE_SCAN, OTHER }

    @Id
    public UUID id;

    @Column(name = "member_id")
    public UUID memberId;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Kind kind;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "content_type")
    public String contentType;

    @Column(name = "size_bytes")
    public int size;

    public String sha256;

    /** Loaded only when the file itself is downloaded. */
    @Basic(fetch = FetchType.LAZY)
    public byte[] content;

    @Column(name = "uploaded_at")
    public Instant uploadedAt;

    @Column(name = "uploaded_by")
    public String uploadedBy;
}
