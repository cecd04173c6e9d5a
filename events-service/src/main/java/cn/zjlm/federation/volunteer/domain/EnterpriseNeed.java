package cn.zjlm.federation.volunteer.domain;

import cn.zjlm.federation.commons.error.ProblemException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An enterprise's technical need on the needs board (揭榜挂帅): OPEN → CLAIMED → RESOLVED, or CLOSED. */
@Entity
@Table(name = "enterprise_need")
public class EnterpriseNeed extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "association_code")
    public String associationCode;

    @Column(name = "enterprise_name")
    public String enterpriseName;

    @Column(name = "credit_code")
    public String creditCode;

    public String title;

    public String description;

    public String status;

    @Column(name = "posted_by")
    public String postedBy;

    @Column(name = "posted_at")
    public Instant postedAt;

    @Column(name = "team_id")
    public UUID teamId;

    @Column(name = "claimed_by")
    public String claimedBy;

    @Column(name = "claimed_at")
    public Instant claimedAt;

    public String outcome;

    @Column(name = "problem_solved")
    public Boolean problemSolved;

    /** 万元 */
    @Column(name = "economic_benefit")
    public BigDecimal economicBenefit;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Version
    public long version;

    public void claim(UUID team, String by) {
        require("claim", "OPEN");
        status = "CLAIMED";
        outcome = null;
        teamId = team;
        claimedBy = by;
        claimedAt = Instant.now();
    }

    public void resolve(String text, boolean solved, BigDecimal benefit) {
        require("record the outcome of", "CLAIMED");
        status = "RESOLVED";
        outcome = text;
        problemSolved = solved;
        economicBenefit = benefit;
        resolvedAt = Instant.now();
    }

    /** Back to the board: the reason is kept in the outcome until the need is claimed again. */
    public void release(String reason) {
        require("release", "CLAIMED");
        status = "OPEN";
        outcome = "Released by the team: " + reason + " / 揭榜方撤回：" + reason;
        teamId = null;
        claimedBy = null;
        claimedAt = null;
    }

    public void close(String reason) {
        require("close", "OPEN");
        status = "CLOSED";
        outcome = reason;
        resolvedAt = Instant.now();
    }

    private void require(String step, String needed) {
        if (!needed.equals(status)) {
            throw ProblemException.conflict("need-illegal-transition", step, status, needed);
        }
    }
}
