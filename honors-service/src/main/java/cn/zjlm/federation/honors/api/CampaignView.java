package cn.zjlm.federation.honors.api;

import cn.zjlm.federation.honors.domain.Campaign;
import cn.zjlm.federation.honors.domain.Campaigns;
import cn.zjlm.federation.honors.domain.EligibilityRule;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A campaign with its quotas (places and how many are taken) and rules. */
public record CampaignView(UUID id, String honourType, String associationCode, int year, String title,
        int totalPlaces, LocalDate nominationOpens, LocalDate nominationCloses, LocalDate countyReviewBy,
        LocalDate cityReviewBy, LocalDate provinceReviewBy, int noticeWorkingDays, BigDecimal awardAmount,
        List<QuotaView> quotas, List<RuleView> rules, long version) {

    public record QuotaView(String associationCode, int places, long taken) {
    }

    public record RuleView(EligibilityRule rule, BigDecimal threshold) {
    }

    public static CampaignView of(Campaign c, Campaigns.Details details) {
        return new CampaignView(c.id, c.honourType, c.associationCode, c.year, c.title, c.totalPlaces,
                c.nominationOpens, c.nominationCloses, c.countyReviewBy, c.cityReviewBy, c.provinceReviewBy,
                c.noticeWorkingDays, c.awardAmount,
                details.quotas().getOrDefault(c.id, List.of()).stream()
                        .map(q -> new QuotaView(q.key.associationCode(), q.places, details.taken(q))).toList(),
                details.rules().getOrDefault(c.id, List.of()).stream()
                        .map(r -> new RuleView(r.key.rule(), r.threshold)).toList(), c.version);
    }
}
