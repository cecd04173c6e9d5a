package cn.zjlm.federation.care.domain;

import cn.zjlm.federation.commons.events.MemberReasons;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.identity.AssociationCode;
import cn.zjlm.federation.commons.pii.PiiCipher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes an entitlement under the rule in force and writes its explanation: programme, rule
 * version and source, inputs, formula and result. Income and health inputs are masked in the
 * explanation and kept encrypted beside it.
 */
@ApplicationScoped
public class Assessor {
    static final String MASK = "***";

    @Inject
    ObjectMapper mapper;

    @Inject
    PiiCipher cipher;

    /** What a person or staff member states for an assessment; which fields a programme needs varies. */
    public record Inputs(BigDecimal householdIncome, String socialCategory, BigDecimal costGap,
            BigDecimal requestedAmount, BigDecimal outOfPocketCost) {
        public static final Inputs NONE = new Inputs(null, null, null, null, null);
    }

    public ProgrammeRule ruleFor(String programme, String associationCode, LocalDate on) {
        return ProgrammeRule.applicable(programme, associationCode, on)
                .orElseThrow(() -> ProblemException.conflict("no-rule", programme, associationCode, on));
    }

    /** Why {@code member} cannot receive the programme under {@code rule}, or empty when they can. */
    public Optional<String> refusal(ProgrammeRule rule, CareMember member) {
        if (member.isDeceased()) {
            return Optional.of(MemberReasons.deceased(member.deceasedOn));
        }
        Optional<Eligibility> eligibility = rule.eligibility();
        if (eligibility.isPresent() && eligibility.get().qualifyingLevel(member).isEmpty()) {
            return Optional.of(CaseReasons.noQualifyingHonour(rule.programmeCode));
        }
        return Optional.empty();
    }

    /**
     * Sets amount, explanation and sensitive inputs of {@code c}. {@code honourHolder} is the member
     * whose honour grounds the entitlement: the beneficiary, or the deceased spouse.
     */
    public void assess(CareCase c, ProgrammeRule rule, CareMember honourHolder, Inputs in) {
        JsonNode params = parameters(rule);
        Entitlements.Calculation calc = switch (c.programmeCode) {
            case "HARDSHIP_TOPUP" -> hardshipTopUp(c, params, in);
            case "SPECIAL_HARDSHIP" -> specialHardship(params, in);
            case "SPRING_FESTIVAL", "HONOUR_ALLOWANCE" -> byLevel(rule, honourHolder);
            case "MEDICAL_SUBSIDY" -> medical(c, params, in);
            default -> throw ProblemException.conflict("case-not-assessable", c.programmeCode);
        };
        ObjectNode explanation = mapper.createObjectNode();
        explanation.put("programme", c.programmeCode);
        explanation.put("ruleVersion", rule.version);
        explanation.put("ruleAssociation", rule.associationCode);
        explanation.put("ruleValidFrom", rule.validFrom.toString());
        explanation.put("ruleSource", rule.source);
        explanation.put("formula", calc.formula());
        ObjectNode inputs = explanation.putObject("inputs");
        Map<String, String> sensitive = new LinkedHashMap<>();
        calc.inputs().forEach((k, v) -> {
            if (calc.sensitive().contains(k)) {
                sensitive.put(k, v);
                inputs.put(k, MASK);
            } else {
                inputs.put(k, v);
            }
        });
        explanation.put("result", calc.amount().toPlainString());
        c.amount = calc.amount();
        c.explanation = explanation.toString();
        try {
            c.sensitiveInputs = sensitive.isEmpty() ? null : cipher.encrypt(mapper.writeValueAsString(sensitive));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Entitlements.Calculation hardshipTopUp(CareCase c, JsonNode params, Inputs in) {
        BigDecimal income = required(in.householdIncome(), "householdIncome");
        String category = required(in.socialCategory(), "socialCategory");
        BigDecimal factor = new BigDecimal(params.path("factor").asText());
        String city = cityOf(c.associationCode);
        ReferenceIncome reference = ReferenceIncome.latest(city, category, c.year)
                .orElseThrow(() -> ProblemException.conflict("reference-income-missing", city, category, c.year));
        Entitlements.Calculation calc = Entitlements.hardshipTopUp(factor, reference.amount, income);
        calc.inputs().put("socialCategory", category);
        calc.inputs().put("referenceYear", Integer.toString(reference.year));
        calc.inputs().put("referenceSource", reference.source);
        return calc;
    }

    private Entitlements.Calculation specialHardship(JsonNode params, Inputs in) {
        BigDecimal gap = required(in.costGap(), "costGap");
        List<Entitlements.Tier> tiers = new ArrayList<>();
        for (JsonNode t : params.path("tiers")) {
            tiers.add(new Entitlements.Tier(t.hasNonNull("gapUpTo") ? new BigDecimal(t.path("gapUpTo").asText()) : null,
                    new BigDecimal(t.path("cap").asText())));
        }
        Entitlements.Calculation calc = Entitlements.specialHardship(tiers, gap, in.requestedAmount());
        if (calc.amount() == null) {
            throw new ProblemException(422, "amount-above-cap", Entitlements.fen(in.requestedAmount()).toPlainString(),
                    calc.inputs().get("cap"));
        }
        return calc;
    }

    /** The honour level an amount by level is paid for under {@code rule}, or empty when none qualifies. */
    public Optional<String> levelFor(ProgrammeRule rule, CareMember holder) {
        return rule.eligibility().flatMap(e -> e.qualifyingLevel(holder)).or(() -> highestUnrevokedLevel(holder));
    }

    private Entitlements.Calculation byLevel(ProgrammeRule rule, CareMember holder) {
        String level = levelFor(rule, holder)
                .orElseThrow(() -> new ProblemException(422, "not-eligible", CaseReasons.noQualifyingHonour(
                        rule.programmeCode)));
        Entitlements.Calculation calc = Entitlements.byLevel(rule.amountsByLevel(), level);
        if (calc.amount() == null) {
            throw new ProblemException(422, "not-eligible", CaseReasons.noQualifyingHonour(rule.programmeCode));
        }
        return calc;
    }

    private Entitlements.Calculation medical(CareCase c, JsonNode params, Inputs in) {
        BigDecimal cost = required(in.outOfPocketCost(), "outOfPocketCost");
        BigDecimal granted = CareCase.committedInYear(c.programmeCode, c.beneficiaryIndex, c.year, c.id);
        return Entitlements.medical(new BigDecimal(params.path("share").asText()),
                new BigDecimal(params.path("capPerYear").asText()), cost, granted);
    }

    private static Optional<String> highestUnrevokedLevel(CareMember m) {
        return m.honourList().stream().filter(h -> !h.isRevoked()).map(CareMember.Honour::level)
                .min(java.util.Comparator.comparingInt(CareMember.LEVELS::indexOf));
    }

    /** The city whose statistics apply to an association: itself, a county's or branch's city. */
    static String cityOf(String code) {
        return switch (AssociationCode.level(code)) {
            case PROVINCE, CITY -> code;
            case COUNTY -> AssociationCode.parent(code);
            case BRANCH -> cityOf(AssociationCode.parent(code));
        };
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw ProblemException.invalidField("inputs." + field, "care.input-required");
        }
        return value;
    }

    public JsonNode parameters(ProgrammeRule rule) {
        return rule.parsedParameters();
    }
}
