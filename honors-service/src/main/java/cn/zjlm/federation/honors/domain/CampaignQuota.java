package cn.zjlm.federation.honors.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** Places an association (and everything under it) may fill in a campaign. */
@Entity
@Table(name = "campaign_quota")
public class CampaignQuota extends PanacheEntityBase {
    @EmbeddedId
    public Key key;

    public int places;

    @Embeddable
    public record Key(@Column(name = "campaign_id") UUID campaignId,
            @Column(name = "association_code") String associationCode) implements Serializable {
    }
}
