package cn.zjlm.federation.honors.domain;

import cn.zjlm.federation.commons.identity.AssociationCode;
import java.util.ArrayList;
import java.util.List;

/** The levels a nomination is reviewed at (县级 → 市级 → 省级), from the nominating association upwards. */
public enum ReviewLevel {
    COUNTY, CITY, PROVINCE;

    /**
     * The review chain of a nomination made by {@code associationCode} in a campaign organised by
     * {@code organiser}: from the nominator's level up to the organiser's (a branch reviews as its parent).
     */
    public static List<ReviewLevel> chain(String associationCode, String organiser) {
        ReviewLevel first = of(associationCode);
        ReviewLevel last = of(organiser);
        List<ReviewLevel> chain = new ArrayList<>();
        for (ReviewLevel level : values()) {
            if (level.ordinal() >= first.ordinal() && level.ordinal() <= last.ordinal()) {
                chain.add(level);
            }
        }
        return chain;
    }

    /** The level of an association's own review. */
    public static ReviewLevel of(String associationCode) {
        return switch (AssociationCode.level(reviewingDivision(associationCode))) {
            case COUNTY -> COUNTY;
            case CITY -> CITY;
            default -> PROVINCE;
        };
    }

    /** The association whose reviewers act at this level for a nomination made by {@code associationCode}. */
    public String reviewerAssociation(String associationCode) {
        String division = reviewingDivision(associationCode);
        return switch (this) {
            case COUNTY -> division;
            case CITY -> division.substring(0, 4) + "00";
            case PROVINCE -> division.substring(0, 2) + "0000";
        };
    }

    /** The next level after this one for the nomination, or null after the last. */
    public ReviewLevel next(String associationCode, String organiser) {
        List<ReviewLevel> chain = chain(associationCode, organiser);
        int at = chain.indexOf(this);
        return at + 1 < chain.size() ? chain.get(at + 1) : null;
    }

    private static String reviewingDivision(String associationCode) {
        return associationCode.length() > 6 ? associationCode.substring(0, 6) : associationCode;
    }
}
