package cn.zjlm.federation.commons.security;

/** Realm roles issued by the federation's Keycloak realm (deploy/local/realm/federation-realm.json). */
public final class Roles {
    public static final String PROVINCE_ADMIN = "province-admin";
    public static final String CITY_ADMIN = "city-admin";
    public static final String CITY_STAFF = "city-staff";
    public static final String COUNTY_STAFF = "county-staff";
    public static final String REVIEWER = "reviewer";
    public static final String FINANCE = "finance";
    public static final String MEMBER = "member";
    public static final String GOV_SYSTEM = "gov-system";
    public static final String OPS = "ops";

    /** Association staff of any level. */
    public static final String[] STAFF = {PROVINCE_ADMIN, CITY_ADMIN, CITY_STAFF, COUNTY_STAFF};

    private Roles() {
    }
}
