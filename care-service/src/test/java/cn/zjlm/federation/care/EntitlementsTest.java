package cn.zjlm.federation.care;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zjlm.federation.care.domain.Entitlements;
import cn.zjlm.federation.care.domain.Entitlements.Tier;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EntitlementsTest {
    /** Shaoxing's tiers of special hardship assistance (brief: ≤50k→12.5k, ≤100k→25k, ≤150k→37.5k, above→50k). */
    static final List<Tier> TIERS = List.of(new Tier(d("50000.00"), d("12500.00")), new Tier(d("100000.00"), d("25000.00")),
            new Tier(d("150000.00"), d("37500.00")), new Tier(null, d("50000.00")));

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @ParameterizedTest(name = "gap {0} → cap {1}")
    @CsvSource({"0.00, 12500.00", "49999.99, 12500.00", "50000.00, 12500.00", "50000.01, 25000.00",
            "100000.00, 25000.00", "100000.01, 37500.00", "150000.00, 37500.00", "150000.01, 50000.00",
            "9999999.00, 50000.00"})
    void everyTierBoundaryBelongsToTheLowerTier(String gap, String cap) {
        Entitlements.Calculation calc = Entitlements.specialHardship(TIERS, d(gap), null);
        assertThat(calc.amount()).isEqualTo(d(cap));
        assertThat(calc.inputs()).containsEntry("cap", cap).containsEntry("costGap", gap);
        assertThat(calc.sensitive()).containsExactly("costGap");
    }

    @Test
    void anAmountAboveTheTiersCapIsRefusedAndOneBelowIsKept() {
        assertThat(Entitlements.specialHardship(TIERS, d("50000.00"), d("12500.01")).amount()).isNull();
        assertThat(Entitlements.specialHardship(TIERS, d("50000.01"), d("20000")).amount()).isEqualTo(d("20000.00"));
        assertThat(Entitlements.specialHardship(TIERS, d("50000.01"), d("25000.00")).amount()).isEqualTo(d("25000.00"));
    }

    @ParameterizedTest(name = "{0} × {1} − {2} = {3}")
    @CsvSource({"1.15, 84000.00, 50000.00, 46600.00", "1.1, 84000.00, 92400.00, 0.00", "1.1, 84000.00, 92399.99, 0.01",
            "1.2, 84000.00, 150000.00, 0.00", "1.15, 83333.33, 0.00, 95833.33", "1.17, 1.00, 0.00, 1.17"})
    void theTopUpFillsTheGapToFactorTimesTheReferenceIncomeAndNeverGoesNegative(String factor, String reference,
            String income, String expected) {
        Entitlements.Calculation calc = Entitlements.hardshipTopUp(d(factor), d(reference), d(income));
        assertThat(calc.amount()).isEqualTo(d(expected));
        assertThat(calc.amount().scale()).isEqualTo(2);
        assertThat(calc.formula()).isEqualTo("max(0, factor × referenceIncome − householdIncome)");
        assertThat(calc.sensitive()).containsExactly("householdIncome");
    }

    @Test
    void halfAFenRoundsUp() {
        // 1.15 × 10000.01 = 11500.0115 → 11500.01; 1.15 × 10000.03 = 11500.0345 → 11500.03
        assertThat(Entitlements.hardshipTopUp(d("1.15"), d("10000.01"), d("0")).amount()).isEqualTo(d("11500.01"));
        assertThat(Entitlements.hardshipTopUp(d("1.15"), d("10000.05"), d("0")).amount()).isEqualTo(d("11500.06"));
    }

    @Test
    void springFestivalMoneyFollowsTheHonourLevel() {
        Map<String, BigDecimal> amounts = Map.of("NATIONAL", d("3000"), "PROVINCIAL", d("2000.00"));
        assertThat(Entitlements.byLevel(amounts, "NATIONAL").amount()).isEqualTo(d("3000.00"));
        assertThat(Entitlements.byLevel(amounts, "PROVINCIAL").amount()).isEqualTo(d("2000.00"));
        assertThat(Entitlements.byLevel(amounts, "CITY").amount()).isNull();
    }

    @Test
    void theMedicalSubsidyStopsAtTheYearsCap() {
        assertThat(Entitlements.medical(d("0.5"), d("20000"), d("10000"), d("0")).amount()).isEqualTo(d("5000.00"));
        assertThat(Entitlements.medical(d("0.5"), d("20000"), d("10000"), d("17000")).amount()).isEqualTo(d("3000.00"));
        assertThat(Entitlements.medical(d("0.5"), d("20000"), d("10000"), d("25000")).amount()).isEqualTo(d("0.00"));
    }

    @Test
    void noFloatingPointCreepsIn() {
        BigDecimal sum = Arrays.stream(new String[] {"0.10", "0.20"}).map(BigDecimal::new).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        assertThat(Entitlements.hardshipTopUp(d("1.1"), d("0.30"), sum).amount()).isEqualTo(d("0.03"));
    }
}
