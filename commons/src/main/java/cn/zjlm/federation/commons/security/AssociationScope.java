package cn.zjlm.federation.commons.security;

import cn.zjlm.federation.commons.identity.AssociationCode;

/**
 * The part of the association tree a caller may see: their association and everything under it.
 * Applied inside queries as {@code association_code LIKE :pattern}, never by filtering loaded rows.
 *
 * @param likePattern LIKE pattern for the association code column (codes hold only digits, letters and '-')
 */
public record AssociationScope(String associationCode, String likePattern) {

    public static AssociationScope of(String associationCode) {
        return new AssociationScope(associationCode, AssociationCode.scopePattern(associationCode));
    }

    /** True when the code is well formed and is this association or lies under it. */
    public boolean covers(String targetCode) {
        return AssociationCode.isWellFormed(targetCode) && (likePattern.endsWith("%")
                ? targetCode.startsWith(likePattern.substring(0, likePattern.length() - 1))
                : targetCode.equals(likePattern));
    }
}
