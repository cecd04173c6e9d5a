package cn.zjlm.federation.commons.identity;

/** Person names as the registry accepts them. */
public final class PersonName {
    /** Any script, spaces and the middle dot of minority names (阿依古丽·买买提); no control or bidi-override characters. */
    public static final String PATTERN = "^[^\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069<>]+$";

    private PersonName() {
    }
}
