package cn.zjlm.federation.care.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The formulas of the programmes; exact decimals rounded half-up to the fen, never floating point. */
public final class Entitlements {
    private Entitlements() {
    }

    /**
     * A computed amount with what it came from. {@code sensitive} names the inputs that are personal
     * income or health data: they are kept encrypted and masked in every view.
     */
    public record Calculation(BigDecimal amount, String formula, Map<String, String> inputs, Set<String> sensitive) {
    }

    /** One tier of the special hardship assistance; {@code gapUpTo} null is the open top tier. */
    public record Tier(BigDecimal gapUpTo, BigDecimal cap) {
    }

    public static BigDecimal fen(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    /** 生活困难补助: amount = max(0, factor × reference income − household income). */
    public static Calculation hardshipTopUp(BigDecimal factor, BigDecimal referenceIncome, BigDecimal householdIncome) {
        BigDecimal target = fen(factor.multiply(referenceIncome));
        BigDecimal amount = fen(target.subtract(householdIncome).max(BigDecimal.ZERO));
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("factor", factor.toPlainString());
        inputs.put("referenceIncome", fen(referenceIncome).toPlainString());
        inputs.put("householdIncome", fen(householdIncome).toPlainString());
        inputs.put("target", target.toPlainString());
        return new Calculation(amount, "max(0, factor × referenceIncome − householdIncome)", inputs,
                Set.of("householdIncome"));
    }

    /** The cap of the tier the year's cost gap falls into: the first whose upper bound (inclusive) holds it. */
    public static Tier tierOf(List<Tier> tiers, BigDecimal costGap) {
        for (Tier t : tiers) {
            if (t.gapUpTo() == null || costGap.compareTo(t.gapUpTo()) <= 0) {
                return t;
            }
        }
        throw new IllegalStateException("the rule's tiers have no open top tier");
    }

    /**
     * 特殊困难帮扶金: the amount asked for, which may not exceed the tier's cap (the cap when none is
     * asked for). Returns null as amount when the request exceeds the cap.
     */
    public static Calculation specialHardship(List<Tier> tiers, BigDecimal costGap, BigDecimal requested) {
        Tier tier = tierOf(tiers, costGap);
        BigDecimal cap = fen(tier.cap());
        BigDecimal amount = requested == null ? cap : fen(requested);
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("costGap", fen(costGap).toPlainString());
        inputs.put("tierGapUpTo", tier.gapUpTo() == null ? "∞" : fen(tier.gapUpTo()).toPlainString());
        inputs.put("cap", cap.toPlainString());
        if (requested != null) {
            inputs.put("requestedAmount", amount.toPlainString());
        }
        return new Calculation(amount.compareTo(cap) > 0 ? null : amount,
                requested == null ? "cap of the tier holding costGap" : "requestedAmount ≤ cap of the tier holding costGap",
                inputs, Set.of("costGap"));
    }

    /** 春节慰问金 and 荣誉津贴: the rule's amount for the member's highest qualifying honour level. */
    public static Calculation byLevel(Map<String, BigDecimal> amountsByLevel, String level) {
        BigDecimal amount = amountsByLevel.get(level);
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("honourLevel", level);
        inputs.put("amountForLevel", amount == null ? "none" : fen(amount).toPlainString());
        return new Calculation(amount == null ? null : fen(amount), "amountsByLevel[honourLevel]", inputs, Set.of());
    }

    /** 医疗补助: min(cap per year − already granted this year, share × out-of-pocket cost), not below 0. */
    public static Calculation medical(BigDecimal share, BigDecimal capPerYear, BigDecimal outOfPocket,
            BigDecimal grantedThisYear) {
        BigDecimal room = fen(capPerYear.subtract(grantedThisYear).max(BigDecimal.ZERO));
        BigDecimal amount = fen(share.multiply(outOfPocket)).min(room);
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("share", share.toPlainString());
        inputs.put("outOfPocketCost", fen(outOfPocket).toPlainString());
        inputs.put("capPerYear", fen(capPerYear).toPlainString());
        inputs.put("grantedThisYear", fen(grantedThisYear).toPlainString());
        return new Calculation(amount, "min(capPerYear − grantedThisYear, share × outOfPocketCost)", inputs,
                Set.of("outOfPocketCost"));
    }
}
