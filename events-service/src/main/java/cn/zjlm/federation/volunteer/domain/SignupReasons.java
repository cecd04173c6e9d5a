package cn.zjlm.federation.volunteer.domain;

import java.time.LocalDate;

/** Why a sign-up was refused or cancelled, for people to read: English and Chinese in one line. */
public final class SignupReasons {
    private SignupReasons() {
    }

    public static String deceased(LocalDate on) {
        String date = on == null ? "?" : on.toString();
        return "The member died on " + date + " / 会员已于 " + date + " 去世";
    }

    public static String transferred(String to) {
        return "The member moved to association " + to + ", outside the organiser's area / 会员已转至 " + to
                + "，不在主办协会范围内";
    }

    public static String activityCancelled(String reason) {
        return "The activity was cancelled: " + reason + " / 活动已取消：" + reason;
    }
}
