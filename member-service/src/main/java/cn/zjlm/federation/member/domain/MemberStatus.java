package cn.zjlm.federation.member.domain;

/** 在职 / 退休 / 已故 */
public enum MemberStatus { IN_SERVICE, RETIRED, DECEASED }
