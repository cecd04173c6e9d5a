package cn.zjlm.federation.member.domain;

/** 劳动模范, 先进工作者, 五一劳动奖章, 工匠, other individual honours. */
public enum HonourCategory { MODEL_WORKER, ADVANCED_WORKER, LABOUR_MEDAL, CRAFTSMAN, OTHER }
