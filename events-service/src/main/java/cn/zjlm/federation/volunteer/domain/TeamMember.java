package cn.zjlm.federation.volunteer.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A member's time in a team; leaving closes the row instead of deleting it. */
@Entity
@Table(name = "team_member")
public class TeamMember extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "team_id")
    public UUID teamId;

    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "joined_at")
    public Instant joinedAt;

    @Column(name = "left_at")
    public Instant leftAt;

    @Column(name = "left_reason")
    public String leftReason;
}
