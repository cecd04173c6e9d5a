package cn.zjlm.federation.care.domain;

/** Why a case was held or dropped, for the staff who read it: English and Chinese in one line. */
public final class CaseReasons {
    private CaseReasons() {
    }


    public static String noQualifyingHonour(String programme) {
        return "No unrevoked honour qualifies for " + programme + " / 无符合该项目条件的有效荣誉称号";
    }

    public static String transferred(String to) {
        return "The member moved to association " + to + " / 会员已转至 " + to;
    }

    public static String levelChanged(String assessed, String now) {
        return "Assessed for a " + assessed + " title, the member's qualifying title is now " + (now == null ? "none" : now)
                + "; assess again / 核定时按" + assessed + "级称号，现有效称号级别为" + (now == null ? "无" : now) + "，请重新核定";
    }

    public static String awardTitleRevoked(String title, int year) {
        return "The " + year + " title " + title + " the award was conferred with was revoked / 奖励所依据的" + year + "年"
                + title + "称号已撤销";
    }

    public static String memberUnknown() {
        return "The member is not in care-service's register / 关爱帮扶系统中无此会员";
    }
}
