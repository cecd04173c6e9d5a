package cn.zjlm.federation.honors.domain;

import java.util.Set;

/**
 * 草稿 → 已推荐（逐级审核中）→ 审核通过 → 公示中 → 已批准 → 已授予; or 退回, 不予通过, 已撤回.
 * While SUBMITTED the nomination's review level says which level acts next.
 */
public enum NominationState {
    DRAFT, SUBMITTED, REVIEWED, PUBLIC_NOTICE, APPROVED, CONFERRED, RETURNED, REJECTED, WITHDRAWN;

    /** States that hold one of the area's places. */
    public static final Set<NominationState> COUNTED = Set.of(SUBMITTED, REVIEWED, PUBLIC_NOTICE, APPROVED,
            CONFERRED);

    /** States the nominating association may still withdraw from. */
    public static final Set<NominationState> WITHDRAWABLE = Set.of(DRAFT, SUBMITTED, RETURNED, REVIEWED);
}
