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
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/** Hours from attendance, and the codes members check in and out with. */
public final class Attendance {
    /** A day of service counts at most this many hours, however long someone stays. */
    public static final int MAX_HOURS_PER_DAY = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Attendance() {
    }

    /**
     * Time present within the activity's window, in whole quarter hours (started quarters do not
     * count), at most {@link #MAX_HOURS_PER_DAY} per calendar day (China time) the window spans.
     */
    public static BigDecimal hours(Instant startsAt, Instant endsAt, Instant checkedIn, Instant checkedOut) {
        Instant from = checkedIn.isAfter(startsAt) ? checkedIn : startsAt;
        Instant to = checkedOut.isBefore(endsAt) ? checkedOut : endsAt;
        if (!to.isAfter(from)) {
            return BigDecimal.ZERO.setScale(2);
        }
        long quarters = Duration.between(from, to).toMinutes() / 15;
        long days = ChronoUnit.DAYS.between(from.atZone(ChinaTime.ZONE).toLocalDate(),
                to.atZone(ChinaTime.ZONE).toLocalDate()) + 1;
        long cappedQuarters = Math.min(quarters, days * MAX_HOURS_PER_DAY * 4);
        return BigDecimal.valueOf(cappedQuarters).divide(BigDecimal.valueOf(4), 2, RoundingMode.UNNECESSARY);
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
