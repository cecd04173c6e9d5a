package cn.zjlm.federation.member.events;

import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.commons.outbox.Outbox;
import cn.zjlm.federation.member.domain.Member;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Member events carry the member's current state (no sensitive values: the ID number travels only
 * as its blind index), so consumers keep read models without calling back. Schemas: docs/events/.
 */
@ApplicationScoped
public class MemberEvents {
    public static final String REGISTERED = "MemberRegistered";
    public static final String UPDATED = "MemberUpdated";

    @Inject
    Outbox outbox;

    public void registered(Member member) {
        publish(REGISTERED, member);
    }

    public void updated(Member member) {
        publish(UPDATED, member);
    }

    private void publish(String type, Member member) {
        outbox.publish(EventTopics.MEMBER, type, member.id.toString(), member.associationCode, Snapshot.of(member));
    }

    /** The data of every Member* event. */
    public record Snapshot(UUID memberId, String associationCode, String name, String gender, LocalDate birthDate,
            String status, LocalDate deceasedOn, String sector, String nationalIdIndex, long version) {

        static Snapshot of(Member m) {
            return new Snapshot(m.id, m.associationCode, m.name, m.gender.name(), m.birthDate, m.status.name(),
                    m.deceasedOn, m.sector == null ? null : m.sector.name(), m.nationalIdIndex, m.version);
        }
    }
}
