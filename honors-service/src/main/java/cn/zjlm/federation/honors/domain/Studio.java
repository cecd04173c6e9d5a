package cn.zjlm.federation.honors.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A 劳模创新工作室 (INNOVATION_STUDIO) or 劳模工匠之家 (CRAFTSMAN_HOME): applied, inspected, named. */
@Entity
public class Studio extends PanacheEntityBase {
    @Id
    public UUID id;

    public String kind;

    public String name;

    @Column(name = "association_code")
    public String associationCode;

    @Column(name = "host_unit")
    public String hostUnit;

    @Column(name = "host_credit_code")
    public String hostCreditCode;

    @Column(name = "leader_member_id")
    public UUID leaderMemberId;

    @Column(name = "leader_name")
    public String leaderName;

    /** APPLIED, INSPECTED, NAMED or REJECTED */
    public String state;

    @Column(name = "inspection_score")
    public Integer inspectionScore;

    @Column(name = "inspection_passed")
    public Boolean inspectionPassed;

    @Column(name = "inspected_by")
    public String inspectedBy;

    /** NATIONAL, PROVINCIAL, CITY or COUNTY once named */
    public String level;

    @Column(name = "named_on")
    public LocalDate namedOn;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;
}
