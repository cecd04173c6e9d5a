package cn.zjlm.federation.volunteer.domain;

/** Why a sign-up was refused or cancelled, for people to read: English and Chinese in one line. */
public final class SignupReasons {
    private SignupReasons() {
    }


    public static String transferred(String to) {
        return "The member moved to association " + to + ", outside the organiser's area / 会员已转至 " + to
                + "，不在主办协会范围内";
    }

    public static String activityCancelled(String reason) {
        return "The activity was cancelled: " + reason + " / 活动已取消：" + reason;
    }
}
