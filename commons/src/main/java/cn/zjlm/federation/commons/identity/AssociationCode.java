package cn.zjlm.federation.commons.identity;

import java.util.regex.Pattern;

/**
 * Association codes: a GB/T 2260 six-digit division code (330000 province, 330100 city,
 * 330109 county), optionally followed by "-" and a branch suffix for industry branches (产业分会)
 * and homes, e.g. 330100-WJ01. Scope is by prefix, so a city covers its counties and branches; a branch covers only itself.
 */
public final class AssociationCode {
    private static final Pattern FORMAT = Pattern.compile("[1-8]\\d{5}(-[0-9A-Z]{2,8})?");

    public enum Level { PROVINCE, CITY, COUNTY, BRANCH }

    private AssociationCode() {
    }

    public static boolean isWellFormed(String code) {
        return code != null && FORMAT.matcher(code).matches();
    }

    public static Level level(String code) {
        requireWellFormed(code);
        if (code.length() > 6) {
            return Level.BRANCH;
        }
        if (code.endsWith("0000")) {
            return Level.PROVINCE;
        }
        return code.endsWith("00") ? Level.CITY : Level.COUNTY;
    }

    /**
     * The SQL LIKE pattern matching the association and everything under it: "33%", "3301%", "330109%"
     * (a county and its branches). A branch has nothing under it and matches only itself: a prefix
     * pattern would let branch 330100-WJ see 330100-WJ01.
     */
    public static String scopePattern(String code) {
        return switch (level(code)) {
            case PROVINCE -> code.substring(0, 2) + "%";
            case CITY -> code.substring(0, 4) + "%";
            case COUNTY -> code + "%";
            case BRANCH -> code;
        };
    }

    /** True when {@code target} is {@code scope} itself or lies under it. */
    public static boolean covers(String scope, String target) {
        return cn.zjlm.federation.commons.security.AssociationScope.of(scope).covers(target);
    }

    /** The division the code belongs to: the branch's parent, or the county's city, or the city's province. */
    public static String parent(String code) {
        return switch (level(code)) {
            case BRANCH -> code.substring(0, 6);
            case COUNTY -> code.substring(0, 4) + "00";
            case CITY -> code.substring(0, 2) + "0000";
            case PROVINCE -> null;
        };
    }

    /** The association and every one above it, nearest first: 330109 → [330109, 330100, 330000]. */
    public static java.util.List<String> lineage(String code) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String c = code; c != null; c = parent(c)) {
            out.add(c);
        }
        return out;
    }

    private static void requireWellFormed(String code) {
        if (!isWellFormed(code)) {
            throw new IllegalArgumentException("not an association code: " + code);
        }
    }
}
