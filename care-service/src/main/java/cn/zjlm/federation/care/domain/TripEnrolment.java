package cn.zjlm.federation.care.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A member on a trip (ENROLLED), on its waiting list (WAITING, in enrolment order) or withdrawn. */
@Entity
@Table(name = "trip_enrolment")
public class TripEnrolment extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "trip_id")
    public UUID tripId;

    @Column(name = "member_id")
    public UUID memberId;

    public String status;

    @Column(name = "enrolled_at")
    public Instant enrolledAt;

    public String reason;

    @Column(name = "enrolled_by")
    public String enrolledBy;
}
