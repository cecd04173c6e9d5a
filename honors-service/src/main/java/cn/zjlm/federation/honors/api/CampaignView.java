package cn.zjlm.federation.honors.api;

import cn.zjlm.federation.honors.domain.Campaign;
import cn.zjlm.federation.honors.domain.CampaignQuota;
import cn.zjlm.federation.honors.domain.CampaignRule;
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

    public static CampaignView of(Campaign c, List<CampaignQuota> quotas, java.util.function.ToLongFunction<CampaignQuota> taken) {
        return new CampaignView(c.id, c.honourType, c.associationCode, c.year, c.title, c.totalPlaces,
                c.nominationOpens, c.nominationCloses, c.countyReviewBy, c.cityReviewBy, c.provinceReviewBy,
                c.noticeWorkingDays, c.awardAmount,
                quotas.stream().map(q -> new QuotaView(q.key.associationCode(), q.places, taken.applyAsLong(q))).toList(),
                CampaignRule.of(c.id).stream().map(r -> new RuleView(r.key.rule(), r.threshold)).toList(), c.version);
    }
}
