package cn.zjlm.federation.local;

import cn.zjlm.federation.commons.events.EventTopics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Member events as member-service publishes them, for the consumer tests of the other services. */
public final class MemberEvents {
    private MemberEvents() {
    }

    /** A member's honour as member events carry it. */
    public record Honour(String category, String level, String title, int year, boolean nationalTreatment,
            String revokedOn) {
        String json() {
            return """
                    {"honourId":"%s","honourType":null,"category":"%s","level":"%s","title":"%s","year":%d,
                     "nationalTreatment":%s,"revokedOn":%s}""".formatted(UUID.nameUUIDFromBytes(title.getBytes(
                    StandardCharsets.UTF_8)), category, level, title, year, nationalTreatment,
                    revokedOn == null ? "null" : "\"" + revokedOn + "\"");
        }
    }

    /** A member as the events describe them; account is the subject of the member's own login, if any. */
    public record Member(UUID id, String association, String name, String index, UUID account, String birthDate) {
        public Member movedTo(String newAssociation) {
            return new Member(id, newAssociation, name, index, account, birthDate);
        }
    }

    public static Member born(String association, String name, LocalDate birthDate) {
        return new Member(UUID.randomUUID(), association, name, sha256(UUID.randomUUID().toString()), null,
                birthDate.toString());
    }

    public static Member member(String association, String name) {
        return born(association, name, LocalDate.of(1960, 5, 1));
    }

    /** A member whose login is the test token of {@code username} (its subject is derived from the name). */
    public static Member memberWithAccount(String association, String name, String username) {
        return new Member(UUID.randomUUID(), association, name, sha256(UUID.randomUUID().toString()),
                UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)), "1960-05-01");
    }

    public static String event(String type, Member m, long version, String status, String deceasedOn,
            List<Honour> honours) {
        String honour = honours.isEmpty() ? "" : "\"honour\":" + honours.get(honours.size() - 1).json() + ",";
        boolean withHonour = type.startsWith("Honor");
        return """
                {"specversion":"1.0","id":"%s","source":"/member-service","type":"%s","subject":"%s","time":"%s",
                 "datacontenttype":"application/json","dataschema":"https://federation.zjlm.cn/events/%s.schema.json",
                 "association":"%s","data":{%s"memberId":"%s","associationCode":"%s","name":"%s","gender":"MALE",
                 "birthDate":"%s","status":"%s","deceasedOn":%s,"sector":"FRONTLINE_WORKER",
                 "nationalIdIndex":"%s","accountSubject":%s,"highestHonourLevel":null,"honours":[%s],"version":%d}}"""
                .formatted(UUID.randomUUID(), type, m.id(), Instant.now(), type, m.association(),
                        withHonour ? honour : "", m.id(), m.association(), m.name(), m.birthDate(), status,
                        deceasedOn == null ? "null" : "\"" + deceasedOn + "\"", m.index(),
                        m.account() == null ? "null" : "\"" + m.account() + "\"",
                        String.join(",", honours.stream().map(Honour::json).toList()), version);
    }

    /** MemberTransferred: the member, now of {@code to}, moved from their previous association. */
    public static String transferred(Member m, String to, long version) {
        return transferred(m, to, version, List.of());
    }

    /** As above, for a member holding these honours. */
    public static String transferred(Member m, String to, long version, List<Honour> honours) {
        Member moved = m.movedTo(to);
        return event("MemberTransferred", moved, version, "IN_SERVICE", null, honours).replaceFirst("\"memberId\"",
                "\"transferId\":\"" + UUID.randomUUID() + "\",\"fromAssociation\":\"" + m.association()
                        + "\",\"toAssociation\":\"" + to + "\",\"memberId\"");
    }

    /** Sends a member event after checking it against its contract. */
    public static void send(Member m, String event) {
        var violations = EventContracts.violations(event);
        if (!violations.isEmpty()) {
            throw new AssertionError("member event breaks its contract: " + violations);
        }
        TopicReader.send(TestInfrastructure.kafka().bootstrapServers(), EventTopics.MEMBER, m.id().toString(), event);
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
