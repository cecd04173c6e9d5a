package cn.zjlm.federation.volunteer.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A code shown at the venue for members to check in or out with; only its hash is stored. */
@Entity
@Table(name = "attendance_code")
public class AttendanceCode extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "activity_id")
    public UUID activityId;

    public String purpose;

    @Column(name = "code_hash")
    public String codeHash;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;
}
