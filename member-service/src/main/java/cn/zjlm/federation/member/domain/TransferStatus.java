package cn.zjlm.federation.member.domain;

public enum TransferStatus { REQUESTED, ACCEPTED, REJECTED, CANCELLED }
