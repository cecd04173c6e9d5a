package cn.zjlm.federation.commons.security;

import cn.zjlm.federation.commons.identity.AssociationCode;

/**
 * The part of the association tree a caller may see: their association and everything under it.
 * Applied inside queries as {@code association_code LIKE :pattern}, never by filtering loaded rows.
 */
public record AssociationScope(String associationCode, String prefix) {

    public static AssociationScope of(String associationCode) {
        return new AssociationScope(associationCode, AssociationCode.scopePrefix(associationCode));
    }

    public boolean covers(String targetCode) {
        return targetCode != null && targetCode.startsWith(prefix);
    }

    /** LIKE pattern for the association code column; codes hold only digits, letters and '-'. */
    public String likePattern() {
        return prefix + "%";
    }
}
