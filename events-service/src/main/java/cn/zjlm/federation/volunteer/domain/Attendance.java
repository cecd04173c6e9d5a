package cn.zjlm.federation.volunteer.domain;

import cn.zjlm.federation.commons.time.ChinaTime;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;

/** Hours from attendance, and the codes members check in and out with. */
public final class Attendance {
    /** A day of service counts at most this many hours, however long someone stays. */
    public static final int MAX_HOURS_PER_DAY = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Attendance() {
    }

    /**
     * Time present within the activity's window, at most {@link #MAX_HOURS_PER_DAY} on each
     * calendar day (China time), in whole quarter hours (a started quarter does not count).
     */
    public static BigDecimal hours(Instant startsAt, Instant endsAt, Instant checkedIn, Instant checkedOut) {
        Instant from = checkedIn.isAfter(startsAt) ? checkedIn : startsAt;
        Instant to = checkedOut.isBefore(endsAt) ? checkedOut : endsAt;
        long minutes = 0;
        for (LocalDate day = from.atZone(ChinaTime.ZONE).toLocalDate(); to.isAfter(from); day = day.plusDays(1)) {
            Instant nextDay = day.plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant();
            Instant until = to.isBefore(nextDay) ? to : nextDay;
            minutes += Math.min(Duration.between(from, until).toMinutes(), MAX_HOURS_PER_DAY * 60L);
            from = nextDay;
        }
        return BigDecimal.valueOf(minutes / 15).divide(BigDecimal.valueOf(4), 2, RoundingMode.UNNECESSARY);
    }

    /** A six-digit code to show at the venue. */
    public static String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    public static String hash(java.util.UUID activityId, String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((activityId + ":" + code.strip()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
