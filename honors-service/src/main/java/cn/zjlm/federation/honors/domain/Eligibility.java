package cn.zjlm.federation.honors.domain;

import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.security.AssociationScope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;

/**
 * The quota and the campaign's rules, checked on submission and again on every approval. Each
 * failure is a 409 whose code names the quota or rule. The area's quota row is locked first, so two
 * concurrent submissions cannot both take the last place.
 */
@ApplicationScoped
public class Eligibility {
    static final Set<String> FRONTLINE = Set.of("FRONTLINE_WORKER", "FARMER");

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    public void check(Campaign campaign, Nomination nomination) {
        CampaignQuota quota = lockQuota(campaign, nomination.associationCode);
        List<Nomination> holding = Nomination.list("campaignId = ?1 and associationCode like ?2 and state in ?3 "
                + "and id <> ?4", campaign.id, AssociationScope.of(quota.key.associationCode()).likePattern(),
                NominationState.COUNTED, nomination.id);
        if (holding.size() + 1 > quota.places) {
            throw ProblemException.conflict("quota-exceeded", quota.key.associationCode(), quota.places, holding.size());
        }
        for (CampaignRule rule : CampaignRule.of(campaign.id)) {
            switch (rule.key.rule()) {
                case FRONTLINE_SHARE_MIN -> {
                    int reserved = percentOf(rule.threshold, quota.places, RoundingMode.CEILING);
                    long others = holding.stream().filter(n -> !FRONTLINE.contains(n.sector)).count()
                            + (FRONTLINE.contains(nomination.sector) ? 0 : 1);
                    if (others > quota.places - reserved) {
                        throw ProblemException.conflict("rule-frontline-share", rule.threshold.stripTrailingZeros()
                                .toPlainString(), quota.key.associationCode(), reserved, quota.places);
                    }
                }
                case ENTERPRISE_HEAD_SHARE_MAX -> {
                    int allowed = percentOf(rule.threshold, quota.places, RoundingMode.FLOOR);
                    long heads = holding.stream().filter(n -> "ENTERPRISE_HEAD".equals(n.sector)).count()
                            + ("ENTERPRISE_HEAD".equals(nomination.sector) ? 1 : 0);
                    if (heads > allowed) {
                        throw ProblemException.conflict("rule-enterprise-head-share", rule.threshold
                                .stripTrailingZeros().toPlainString(), quota.key.associationCode(), allowed);
                    }
                }
                case NOT_ALREADY_HOLDING -> {
                    HonourType type = HonourType.findById(campaign.honourType);
                    boolean holds = nomination.isCollective() ? conferredBefore(nomination, type)
                            : holdsUnrevoked(nominee(nomination), type.name);
                    if (holds) {
                        throw ProblemException.conflict("rule-already-holding", type.name);
                    }
                }
                case IN_SERVICE -> {
                    NomineeMember member = nominee(nomination);
                    if (member != null && !"IN_SERVICE".equals(member.status)) {
                        throw ProblemException.conflict("rule-in-service", member.status);
                    }
                }
                default -> throw new IllegalStateException("unknown rule " + rule.key.rule());
            }
        }
    }

    /** The most specific quota covering the association, locked for the rest of the transaction. */
    CampaignQuota lockQuota(Campaign campaign, String associationCode) {
        List<CampaignQuota> quotas = CampaignQuota.list("key.campaignId", campaign.id);
        CampaignQuota match = null;
        for (CampaignQuota q : quotas) {
            if (AssociationScope.of(q.key.associationCode()).covers(associationCode)) {
                match = q;
            }
        }
        if (match == null) {
            throw ProblemException.conflict("quota-none", associationCode);
        }
        em.lock(match, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(match);
        return match;
    }

    private NomineeMember nominee(Nomination n) {
        NomineeMember member = n.memberId == null ? null : NomineeMember.findById(n.memberId);
        return member != null ? member : NomineeMember.find("nationalIdIndex", n.nomineeIdIndex).firstResult();
    }

    /** A unit or team holds a collective honour it was conferred in an earlier campaign of the same type. */
    private static boolean conferredBefore(Nomination n, HonourType type) {
        return Nomination.count("nomineeIdIndex = ?1 and state = ?2 and id <> ?3 and campaignId in "
                + "(select c.id from Campaign c where c.honourType = ?4)", n.nomineeIdIndex, NominationState.CONFERRED,
                n.id, type.code) > 0;
    }

    boolean holdsUnrevoked(NomineeMember member, String title) {
        if (member == null) {
            return false;
        }
        try {
            for (JsonNode honour : mapper.readTree(member.honours)) {
                if (title.equals(honour.path("title").asText()) && !honour.hasNonNull("revokedOn")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int percentOf(BigDecimal percent, int places, RoundingMode rounding) {
        return percent.multiply(BigDecimal.valueOf(places)).divide(BigDecimal.valueOf(100), 0, rounding).intValue();
    }
}
