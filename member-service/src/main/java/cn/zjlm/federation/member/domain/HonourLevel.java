package cn.zjlm.federation.member.domain;

/** Honour levels, highest first: 全国, 省部级, 市级, 县级. */
public enum HonourLevel {
    NATIONAL, PROVINCIAL, CITY, COUNTY;

    public boolean isHigherThan(HonourLevel other) {
        return other == null || ordinal() < other.ordinal();
    }
}
