package cn.zjlm.federation.volunteer.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** A member on an activity (ENROLLED), on its waiting list (WAITING, in sign-up order) or cancelled. */
@Entity
public class Signup extends PanacheEntityBase {
    public static final String ENROLLED = "ENROLLED";
    public static final String WAITING = "WAITING";
    public static final String CANCELLED = "CANCELLED";

    @Id
    public UUID id;

    @Column(name = "activity_id")
    public UUID activityId;

    @Column(name = "member_id")
    public UUID memberId;

    public String status;

    @Column(name = "signed_up_at")
    public Instant signedUpAt;

    @Column(name = "signed_up_by")
    public String signedUpBy;

    @Column(name = "cancel_reason")
    public String cancelReason;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Column(name = "checked_in_at")
    public Instant checkedInAt;

    @Column(name = "checked_out_at")
    public Instant checkedOutAt;

    @Column(name = "failed_code_attempts")
    public int failedCodeAttempts;
}
