package cn.zjlm.federation.member.events;

import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.commons.outbox.Outbox;
import cn.zjlm.federation.commons.outbox.OutboxEvent;
import cn.zjlm.federation.member.domain.HonourLevel;
import cn.zjlm.federation.member.domain.Member;
import cn.zjlm.federation.member.domain.MemberHonour;
import cn.zjlm.federation.member.domain.MemberTransfer;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Member events carry the member's current state, honours included (no sensitive values: the ID
 * number travels only as its blind index), so consumers keep read models without calling back.
 * All go to one topic keyed by member id, so each member's events stay in order. Schemas: docs/events/.
 */
@ApplicationScoped
public class MemberEvents {
    public static final String REGISTERED = "MemberRegistered";
    public static final String UPDATED = "MemberUpdated";
    public static final String DECEASED = "MemberDeceased";
    public static final String TRANSFERRED = "MemberTransferred";
    public static final String HONOUR_RECORDED = "HonorRecorded";
    public static final String HONOUR_REVOKED = "HonorRevoked";

    @Inject
    Outbox outbox;

    public void registered(Member member) {
        publish(REGISTERED, member, Snapshot.of(member));
    }

    public void updated(Member member) {
        publish(UPDATED, member, Snapshot.of(member));
    }

    public void deceased(Member member) {
        publish(DECEASED, member, Snapshot.of(member));
    }

    public void transferred(Member member, MemberTransfer transfer) {
        publish(TRANSFERRED, member, new Transferred(Snapshot.of(member), transfer.id, transfer.fromAssociation,
                transfer.toAssociation));
    }

    public void honourRecorded(Member member, MemberHonour honour) {
        publish(HONOUR_RECORDED, member, new HonourChanged(Snapshot.of(member), HonourData.of(honour)));
    }

    public void honourRevoked(Member member, MemberHonour honour) {
        publish(HONOUR_REVOKED, member, new HonourChanged(Snapshot.of(member), HonourData.of(honour)));
    }

    /**
     * MemberRegistered's outbox row for a bulk writer (see Outbox#prepare: made on any thread, the writer's
     * transaction wakes the relay), for a member registered with
     * {@code honours} (an imported row with its honour): one event whose snapshot holds them, as consumers keep the
     * latest snapshot, rather than a registration and then a HonorRecorded per honour.
     */
    public OutboxEvent registeredRow(Member member, List<MemberHonour> honours) {
        return outbox.prepare(EventTopics.MEMBER, REGISTERED, member.id.toString(), member.associationCode,
                Snapshot.of(member, honours));
    }


    private void publish(String type, Member member, Object data) {
        outbox.publish(EventTopics.MEMBER, type, member.id.toString(), member.associationCode, data);
    }

    /** The member's state after the change: the data of MemberRegistered/Updated/Deceased. */
    public record Snapshot(UUID memberId, String associationCode, String name, String gender, LocalDate birthDate,
            String status, LocalDate deceasedOn, String sector, String nationalIdIndex, UUID accountSubject,
            String highestHonourLevel, List<HonourData> honours, long version) {

        static Snapshot of(Member m) {
            return of(m, MemberHonour.ofMember(m.id));
        }

        static Snapshot of(Member m, List<MemberHonour> honours) {
            HonourLevel highest = MemberHonour.highestLevel(honours);
            return new Snapshot(m.id, m.associationCode, m.name, m.gender.name(), m.birthDate, m.status.name(),
                    m.deceasedOn, m.sector == null ? null : m.sector.name(), m.nationalIdIndex,
                    m.accountSubject, highest == null ? null : highest.name(), honours.stream().map(HonourData::of).toList(), m.version);
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record HonourData(UUID honourId, String honourType, String category, String level, String title,
            int year, boolean nationalTreatment, LocalDate revokedOn) {
        static HonourData of(MemberHonour h) {
            return new HonourData(h.id, h.honourType, h.category.name(), h.level.name(), h.title, h.year,
                    h.nationalTreatment, h.revokedOn);
        }
    }

    /** Snapshot plus the honour that was recorded or revoked. */
    public record HonourChanged(@com.fasterxml.jackson.annotation.JsonUnwrapped Snapshot member, HonourData honour) {
    }

    /** Snapshot plus where the member moved from and to. */
    public record Transferred(@com.fasterxml.jackson.annotation.JsonUnwrapped Snapshot member, UUID transferId,
            String fromAssociation, String toAssociation) {
    }
}
