package cn.zjlm.federation.volunteer.api;

import cn.zjlm.federation.volunteer.domain.Activity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** RFC 5545 text: CRLF line ends, lines folded at 75 octets, TEXT values escaped. */
final class ICalendar {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private ICalendar() {
    }

    static String of(String name, List<Activity> activities) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Zhejiang Model Worker Federation//Volunteer service//ZH");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "X-WR-CALNAME:" + text(name));
        line(out, "X-WR-TIMEZONE:Asia/Shanghai");
        String stamp = UTC.format(Instant.now());
        for (Activity a : activities) {
            line(out, "BEGIN:VEVENT");
            line(out, "UID:" + a.id + "@federation.zjlm.cn");
            line(out, "DTSTAMP:" + stamp);
            line(out, "DTSTART:" + UTC.format(a.startsAt));
            line(out, "DTEND:" + UTC.format(a.endsAt));
            line(out, "SEQUENCE:" + a.version);
            line(out, "SUMMARY:" + text(a.title));
            line(out, "LOCATION:" + text(a.place));
            // no DESCRIPTION: staff's free text may name people or carry phone numbers, and this feed is public
            line(out, "CATEGORIES:" + text(a.kind));
            line(out, "STATUS:" + (a.state == Activity.State.CANCELLED ? "CANCELLED" : "CONFIRMED"));
            line(out, "END:VEVENT");
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /** Escapes backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
    static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
                .replace("\n", "\\n").replace("\r", "\\n");
    }

    /** Folds a content line so no physical line exceeds 75 octets, never splitting a UTF-8 character. */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 1;
                limit = 75;
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
