package cn.zjlm.federation.volunteer.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Hours a member served: from attendance (confirmed at once) or off-site work (confirmed by staff). */
@Entity
@Table(name = "volunteer_hours")
public class VolunteerHours extends PanacheEntityBase {
    public static final String ATTENDANCE = "ATTENDANCE";
    public static final String OFF_SITE = "OFF_SITE";
    public static final String PENDING = "PENDING";
    public static final String CONFIRMED = "CONFIRMED";
    public static final String REJECTED = "REJECTED";

    @Id
    public UUID id;

    @Column(name = "member_id")
    public UUID memberId;

    /** The member's association when the hours were served: statistics count them there. */
    @Column(name = "association_code")
    public String associationCode;

    @Column(name = "activity_id")
    public UUID activityId;

    public String source;

    @Column(name = "work_date")
    public LocalDate workDate;

    public BigDecimal hours;

    public String description;

    public String status;

    @Column(name = "logged_by")
    public String loggedBy;

    @Column(name = "logged_at")
    public Instant loggedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decision_reason")
    public String decisionReason;

    @Version
    public long version;
}
