package cn.zjlm.federation.commons.identity;

import java.util.Optional;

/**
 * GB 32100-2015 unified social credit code (统一社会信用代码), 18 characters over the alphabet
 * 0-9 A-H J-N P Q R T U W X Y; check = (31 - Σ value×weight mod 31) mod 31.
 */
public final class CreditCode {
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public enum Defect {
        LENGTH, CHARACTERS, CHECK_DIGIT;

        public String code() {
            return "credit-code." + name().toLowerCase().replace('_', '-');
        }
    }

    private CreditCode() {
    }

    public static String normalize(String raw) {
        return raw == null ? null : raw.strip().toUpperCase();
    }

    public static Optional<Defect> defect(String raw) {
        String code = normalize(raw);
        if (code == null || code.length() != 18) {
            return Optional.of(Defect.LENGTH);
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return Optional.of(Defect.CHARACTERS);
            }
        }
        return checkCharacter(code) == code.charAt(17) ? Optional.empty() : Optional.of(Defect.CHECK_DIGIT);
    }

    public static boolean isValid(String raw) {
        return defect(raw).isEmpty();
    }

    public static char checkCharacter(String code) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(code.charAt(i)) * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /** Completes 17 characters with their check character (demo and test data). */
    public static String compose(String first17) {
        return first17 + checkCharacter(first17);
    }
}
