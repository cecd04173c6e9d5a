package cn.zjlm.federation.member.domain;

public enum Gender { MALE, FEMALE }
