package cn.zjlm.federation.care.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a new rule version's parameters before officials' figures become the basis of payments. */
public final class RuleParameters {
    static final BigDecimal FACTOR_MIN = new BigDecimal("1.1");
    static final BigDecimal FACTOR_MAX = new BigDecimal("1.2");
    /** No rule figure (amount, cap, tier bound) is above this: larger is a typo, and would overflow a case's amount. */
    static final BigDecimal FIGURE_MAX = new BigDecimal("1000000");

    private RuleParameters() {
    }

    /** A refused parameter: its JSON path and a ValidationMessages code. */
    public record Violation(String field, String code) {
    }

    public static List<Violation> violations(String programme, JsonNode p) {
        List<Violation> out = new ArrayList<>();
        switch (programme) {
            case "HARDSHIP_TOPUP" -> {
                BigDecimal factor = decimal(p, "factor", "parameters.factor", out);
                if (factor != null && (factor.compareTo(FACTOR_MIN) < 0 || factor.compareTo(FACTOR_MAX) > 0)) {
                    out.add(new Violation("parameters.factor", "care.rule-factor-range"));
                }
            }
            case "SPECIAL_HARDSHIP" -> tiers(p.path("tiers"), out);
            case "SPRING_FESTIVAL", "HONOUR_ALLOWANCE" -> {
                JsonNode amounts = p.path("amountsByLevel");
                if (!amounts.isObject() || amounts.isEmpty()) {
                    out.add(new Violation("parameters.amountsByLevel", "care.rule-parameter-required"));
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = amounts.fields(); it.hasNext();) {
                    var e = it.next();
                    if (!CareMember.LEVELS.contains(e.getKey())) {
                        out.add(new Violation("parameters.amountsByLevel." + e.getKey(), "care.rule-level-unknown"));
                    }
                    decimal(amounts, e.getKey(), "parameters.amountsByLevel." + e.getKey(), out);
                }
            }
            case "MEDICAL_SUBSIDY" -> {
                BigDecimal share = decimal(p, "share", "parameters.share", out);
                if (share != null && (share.signum() <= 0 || share.compareTo(BigDecimal.ONE) > 0)) {
                    out.add(new Violation("parameters.share", "care.rule-share-range"));
                }
                decimal(p, "capPerYear", "parameters.capPerYear", out);
            }
            case "CRAFTSMAN_AWARD" -> decimal(p, "amount", "parameters.amount", out);
            default -> out.add(new Violation("programme", "care.programme-unknown"));
        }
        JsonNode e = p.path("eligibility");
        if (!e.isMissingNode()) {
            values(e.path("levels"), Set.copyOf(CareMember.LEVELS), "parameters.eligibility.levels", out);
            values(e.path("categories"), Set.of("MODEL_WORKER", "ADVANCED_WORKER", "LABOUR_MEDAL", "CRAFTSMAN", "OTHER"),
                    "parameters.eligibility.categories", out);
        }
        return out;
    }

    private static void tiers(JsonNode tiers, List<Violation> out) {
        if (!tiers.isArray() || tiers.isEmpty()) {
            out.add(new Violation("parameters.tiers", "care.rule-parameter-required"));
            return;
        }
        BigDecimal previous = null;
        for (int i = 0; i < tiers.size(); i++) {
            JsonNode t = tiers.get(i);
            decimal(t, "cap", "parameters.tiers[" + i + "].cap", out);
            boolean last = i == tiers.size() - 1;
            if (last != t.path("gapUpTo").isNull()) {
                out.add(new Violation("parameters.tiers[" + i + "].gapUpTo", "care.rule-tiers-open-top"));
                continue;
            }
            if (!last) {
                BigDecimal upTo = decimal(t, "gapUpTo", "parameters.tiers[" + i + "].gapUpTo", out);
                if (upTo != null && previous != null && upTo.compareTo(previous) <= 0) {
                    out.add(new Violation("parameters.tiers[" + i + "].gapUpTo", "care.rule-tiers-ascending"));
                }
                previous = upTo;
            }
        }
    }

    private static void values(JsonNode array, Set<String> allowed, String field, List<Violation> out) {
        array.forEach(v -> {
            if (!allowed.contains(v.asText())) {
                out.add(new Violation(field, "care.rule-value-unknown"));
            }
        });
    }

    /** A non-negative decimal given as a string (exact) or number; null and a violation otherwise. */
    private static BigDecimal decimal(JsonNode p, String name, String field, List<Violation> out) {
        JsonNode v = p.path(name);
        try {
            BigDecimal d = new BigDecimal(v.asText());
            if (!(v.isTextual() || v.isNumber()) || d.signum() < 0 || d.scale() > 4) {
                throw new NumberFormatException();
            }
            if (d.compareTo(FIGURE_MAX) > 0) {
                out.add(new Violation(field, "care.rule-figure-too-large"));
                return null;
            }
            return d;
        } catch (NumberFormatException e) {
            out.add(new Violation(field, "care.rule-decimal"));
            return null;
        }
    }
}
