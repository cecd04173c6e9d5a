package cn.zjlm.federation.member.domain;

/** Social category, used by nomination proportions and care reference incomes. */
public enum Sector {
    /** 一线工人 */ FRONTLINE_WORKER,
    /** 农民 */ FARMER,
    /** 专业技术人员 */ PROFESSIONAL,
    /** 企业负责人 */ ENTERPRISE_HEAD,
    /** 机关事业单位 */ PUBLIC_SERVICE,
    /** 其他 */ OTHER
}
