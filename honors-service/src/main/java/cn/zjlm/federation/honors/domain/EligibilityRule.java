package cn.zjlm.federation.honors.domain;

/** Rules a campaign may impose; each names itself when it fails. */
public enum EligibilityRule {
    /** Front-line workers and farmers make up at least {threshold}% of each area's places (一线职工和农民比例). */
    FRONTLINE_SHARE_MIN(true),
    /** Enterprise heads make up at most {threshold}% of each area's places (企业负责人比例). */
    ENTERPRISE_HEAD_SHARE_MAX(true),
    /** The nominee does not already hold this honour (unrevoked). */
    NOT_ALREADY_HOLDING(false),
    /** The nominee is in service (在职), not retired or deceased. */
    IN_SERVICE(false);

    public final boolean needsThreshold;

    EligibilityRule(boolean needsThreshold) {
        this.needsThreshold = needsThreshold;
    }
}
