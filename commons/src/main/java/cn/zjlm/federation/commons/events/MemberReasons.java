package cn.zjlm.federation.commons.events;

import java.time.LocalDate;

/** Why a read model's member is refused or their bookings end, for people to read: English and Chinese in one line. */
public final class MemberReasons {
    private MemberReasons() {
    }

    public static String deceased(LocalDate on) {
        String date = on == null ? "?" : on.toString();
        return "The member died on " + date + " / 会员已于 " + date + " 去世";
    }
}
