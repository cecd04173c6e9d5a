package cn.zjlm.federation.member.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One changed field (or one action without a field, such as a transfer request). */
@Entity
@Table(name = "member_history")
public class MemberHistory extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "member_id")
    public UUID memberId;

    public String action;

    public String field;

    @Column(name = "old_value")
    public String oldValue;

    @Column(name = "new_value")
    public String newValue;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "changed_by")
    public String changedBy;

    public static void record(UUID memberId, String action, String field, Object oldValue, Object newValue,
            String actor, Instant at) {
        of(memberId, action, field, oldValue, newValue, actor, at).persist();
    }

    /** The entry of a registration, not stored. */
    public static MemberHistory registered(Member m) {
        return of(m.id, "REGISTERED", null, null, null, m.createdBy, m.createdAt);
    }

    /** The entry of a recorded honour, not stored. */
    public static MemberHistory honourRecorded(MemberHonour h) {
        return of(h.memberId, "HONOUR_RECORDED", "honours", null, h.title + " (" + h.year + ")", h.recordedBy,
                h.recordedAt);
    }

    /** The entry, not stored: for a bulk writer. */
    public static MemberHistory of(UUID memberId, String action, String field, Object oldValue, Object newValue,
            String actor, Instant at) {
        MemberHistory h = new MemberHistory();
        h.memberId = memberId;
        h.action = action;
        h.field = field;
        h.oldValue = oldValue == null ? null : oldValue.toString();
        h.newValue = newValue == null ? null : newValue.toString();
        h.changedBy = actor;
        h.changedAt = at;
        return h;
    }
}
