package cn.zjlm.federation.honors.domain;

import cn.zjlm.federation.commons.error.Problem.FieldViolation;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.identity.AssociationCode;
import cn.zjlm.federation.commons.security.AssociationScope;
import cn.zjlm.federation.honors.api.CampaignRequest;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Setting up campaigns: title, organiser, window, deadlines, quotas and rules, checked as a whole. */
@ApplicationScoped
public class Campaigns {
    /** Rules about people (sector shares, in service); a collective honour cannot have them. */
    static final Set<EligibilityRule> PERSON_RULES = Set.of(EligibilityRule.FRONTLINE_SHARE_MIN,
            EligibilityRule.ENTERPRISE_HEAD_SHARE_MAX, EligibilityRule.IN_SERVICE);


    @Transactional
    public Campaign create(CampaignRequest r, AssociationScope scope, String actor) {
        String organiser = r.associationCode() == null ? scope.associationCode() : r.associationCode();
        List<FieldViolation> errors = new ArrayList<>();
        if (!scope.covers(organiser)) {
            errors.add(new FieldViolation("associationCode", "association-code.out-of-scope", null));
        }
        HonourType type = HonourType.findById(r.honourType());
        if (type == null) {
            errors.add(new FieldViolation("honourType", "campaign.honour-type-unknown", null));
        } else if (type.associationCode == null
                ? AssociationCode.level(organiser) != AssociationCode.Level.PROVINCE
                : !type.associationCode.equals(organiser)) {
            errors.add(new FieldViolation("honourType", "campaign.honour-type-not-organisers", null));
        } else if ((type.validFrom != null && type.validFrom.getYear() > r.year())
                || (type.validTo != null && type.validTo.getYear() < r.year())) {
            // a title retired (or not yet created) is not conferred in that year
            errors.add(new FieldViolation("honourType", "campaign.honour-type-not-in-force", null));
        }
        if (r.nominationCloses().isBefore(r.nominationOpens())) {
            errors.add(new FieldViolation("nominationCloses", "campaign.window-reversed", null));
        }
        LocalDate previous = r.nominationCloses();
        String[] deadlineFields = {"countyReviewBy", "cityReviewBy", "provinceReviewBy"};
        LocalDate[] deadlines = {r.countyReviewBy(), r.cityReviewBy(), r.provinceReviewBy()};
        for (int i = 0; i < deadlines.length; i++) {
            if (deadlines[i] != null) {
                if (deadlines[i].isBefore(previous)) {
                    errors.add(new FieldViolation(deadlineFields[i], "campaign.deadline-order", null));
                }
                previous = deadlines[i];
            }
        }
        checkQuotas(r, organiser, errors);
        Set<EligibilityRule> seenRules = new HashSet<>();
        List<CampaignRequest.Rule> rules = r.rules() == null ? List.of() : r.rules();
        for (int i = 0; i < rules.size(); i++) {
            CampaignRequest.Rule rule = rules.get(i);
            if (!seenRules.add(rule.rule())) {
                errors.add(new FieldViolation("rules[" + i + "].rule", "campaign.rule-repeated", null));
            }
            if (type != null && type.collective && PERSON_RULES.contains(rule.rule())) {
                errors.add(new FieldViolation("rules[" + i + "].rule", "campaign.rule-person-only", null));
            }
            if (rule.rule().needsThreshold != (rule.threshold() != null)) {
                errors.add(new FieldViolation("rules[" + i + "].threshold", rule.rule().needsThreshold
                        ? "campaign.rule-threshold-required" : "campaign.rule-threshold-not-allowed", null));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", errors, errors.size());
        }
        Campaign c = new Campaign();
        c.id = UUID.randomUUID();
        c.honourType = type.code;
        c.associationCode = organiser;
        c.year = r.year();
        c.title = r.title().strip();
        c.totalPlaces = r.totalPlaces();
        c.nominationOpens = r.nominationOpens();
        c.nominationCloses = r.nominationCloses();
        c.countyReviewBy = r.countyReviewBy();
        c.cityReviewBy = r.cityReviewBy();
        c.provinceReviewBy = r.provinceReviewBy();
        c.noticeWorkingDays = r.noticeWorkingDays() == null ? 5 : r.noticeWorkingDays();
        c.awardAmount = r.awardAmount();
        c.createdBy = actor;
        c.createdAt = Instant.now();
        c.persist();
        for (CampaignRequest.Quota q : r.quotas()) {
            CampaignQuota quota = new CampaignQuota();
            quota.key = new CampaignQuota.Key(c.id, q.associationCode());
            quota.places = q.places();
            quota.persist();
        }
        for (CampaignRequest.Rule rule : rules) {
            CampaignRule row = new CampaignRule();
            row.key = new CampaignRule.Key(c.id, rule.rule());
            row.threshold = rule.threshold();
            row.persist();
        }
        return c;
    }

    /** Quotas lie under the organiser, are not nested (a place counts once) and sum to at most the total. */
    private static void checkQuotas(CampaignRequest r, String organiser, List<FieldViolation> errors) {
        int sum = 0;
        List<CampaignRequest.Quota> quotas = r.quotas();
        for (int i = 0; i < quotas.size(); i++) {
            String code = quotas.get(i).associationCode();
            sum += quotas.get(i).places();
            if (AssociationCode.isWellFormed(organiser) && !AssociationCode.covers(organiser, code)) {
                errors.add(new FieldViolation("quotas[" + i + "].associationCode", "campaign.quota-outside-organiser",
                        null));
            }
            for (int j = 0; j < i; j++) {
                String other = quotas.get(j).associationCode();
                if (AssociationCode.covers(other, code) || AssociationCode.covers(code, other)) {
                    errors.add(new FieldViolation("quotas[" + i + "].associationCode", "campaign.quota-overlaps",
                            null));
                }
            }
        }
        if (sum > r.totalPlaces()) {
            errors.add(new FieldViolation("quotas", "campaign.quota-sum-exceeds-total", null));
        }
    }

    /** A campaign the caller may see: organised in their scope, or by an association above them. */
    public Optional<Campaign> find(UUID id, AssociationScope scope) {
        Campaign c = Campaign.findById(id);
        return c != null && visible(c.associationCode, scope) ? Optional.of(c) : Optional.empty();
    }

    public List<Campaign> list(AssociationScope scope, Integer year) {
        Parameters p = Parameters.with("prefix", scope.likePattern())
                .and("ancestors", AssociationCode.lineage(scope.associationCode()));
        String q = "(associationCode like :prefix or associationCode in :ancestors)";
        if (year != null) {
            q += " and year = :year";
            p.and("year", year);
        }
        return Campaign.list(q + " order by year desc, title", p);
    }

    static boolean visible(String organiser, AssociationScope scope) {
        return scope.covers(organiser) || AssociationCode.lineage(scope.associationCode()).contains(organiser);
    }

    /** Quotas, rules and the places taken of some campaigns. */
    public record Details(Map<UUID, List<CampaignQuota>> quotas, Map<UUID, List<CampaignRule>> rules,
            Map<UUID, Map<String, Long>> holdingPlaces) {
        /** Places taken in a quota's area: nominations of the area and below that hold a place. */
        public long taken(CampaignQuota quota) {
            return holdingPlaces.getOrDefault(quota.key.campaignId(), Map.of()).entrySet().stream()
                    .filter(e -> AssociationCode.covers(quota.key.associationCode(), e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    /** The details of every campaign listed, read in three queries however many campaigns there are. */
    public Details details(List<UUID> campaignIds) {
        if (campaignIds.isEmpty()) {
            return new Details(Map.of(), Map.of(), Map.of());
        }
        Map<UUID, List<CampaignQuota>> quotas = CampaignQuota.<CampaignQuota>list(
                "key.campaignId in ?1 order by key.associationCode", campaignIds).stream()
                .collect(Collectors.groupingBy(q -> q.key.campaignId()));
        Map<UUID, List<CampaignRule>> rules = CampaignRule.<CampaignRule>list(
                "key.campaignId in ?1 order by key.rule", campaignIds).stream()
                .collect(Collectors.groupingBy(r -> r.key.campaignId()));
        Map<UUID, Map<String, Long>> holding = new HashMap<>();
        for (Object[] row : Nomination.getEntityManager().createQuery("select n.campaignId, n.associationCode, "
                + "count(n) from Nomination n where n.campaignId in ?1 and n.state in ?2 "
                + "group by n.campaignId, n.associationCode", Object[].class)
                .setParameter(1, campaignIds).setParameter(2, NominationState.COUNTED).getResultList()) {
            holding.computeIfAbsent((UUID) row[0], k -> new HashMap<>()).put((String) row[1], (Long) row[2]);
        }
        return new Details(quotas, rules, holding);
    }
}
