package cn.zjlm.federation.honors.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** An eligibility rule of a campaign, kept as data (e.g. front-line share at least 60%). */
@Entity
@Table(name = "campaign_rule")
public class CampaignRule extends PanacheEntityBase {
    @EmbeddedId
    public Key key;

    /** Percent for share rules; null for plain conditions. */
    public BigDecimal threshold;

    public static List<CampaignRule> of(UUID campaignId) {
        return list("key.campaignId = ?1 order by key.rule", campaignId);
    }

    @Embeddable
    public record Key(@Column(name = "campaign_id") UUID campaignId,
            @Enumerated(EnumType.STRING) @Column(name = "rule") EligibilityRule rule) implements Serializable {
    }
}
