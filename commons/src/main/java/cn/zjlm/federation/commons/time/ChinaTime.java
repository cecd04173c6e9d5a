package cn.zjlm.federation.commons.time;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Dates as people in Zhejiang read them. Servers run in UTC, where "today" starts eight hours late:
 * every business date (deadlines, "not in the future", ages) is taken in Beijing time.
 */
public final class ChinaTime {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ChinaTime() {
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }
}
