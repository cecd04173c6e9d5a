package cn.zjlm.federation.commons.pii;

/** Masks sensitive values for responses, exports and logs (PIPL). */
public final class Masking {
    private Masking() {
    }

    /**
     * 330102199001011234 → 3****************4. Views show the birth date and the association beside it, and the
     * number holds both: with more of its ends shown (330***********1234), those two fields gave the rest away.
     * Now some 45 numbers fit (three sequence digits, the gender's parity and the check digit), and trying one is
     * an audited lookup.
     */
    public static String nationalId(String id) {
        return keepEnds(id, 1, 1);
    }

    /** 13812345678 → 138****5678 */
    public static String phone(String phone) {
        return keepEnds(phone, 3, 4);
    }

    /** 6222021234567890123 → 6222***********0123 */
    public static String bankAccount(String account) {
        return keepEnds(account, 4, 4);
    }

    /** 张三 → 张*, 欧阳娜娜 → 欧***; keeps the first character only. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    private static String keepEnds(String value, int head, int tail) {
        if (value == null) {
            return null;
        }
        if (value.length() <= head + tail) {
            return "*".repeat(value.length());
        }
        return value.substring(0, head) + "*".repeat(value.length() - head - tail)
                + value.substring(value.length() - tail);
    }
}
