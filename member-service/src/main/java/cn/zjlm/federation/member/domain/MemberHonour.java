package cn.zjlm.federation.member.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** An honour held by a member; revocation (撤销) keeps the record with date and reason. */
@Entity
@Table(name = "member_honour")
public class MemberHonour extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "member_id")
    public UUID memberId;

    /** Catalogue code in honors-service (e.g. CN-MODEL-WORKER), when known. */
    @Column(name = "honour_type")
    public String honourType;

    @Enumerated(EnumType.STRING)
    public HonourCategory category;

    @Enumerated(EnumType.STRING)
    public HonourLevel level;

    public String title;

    @Column(name = "conferring_body")
    public String conferringBody;

    public int year;

    @Column(name = "certificate_number")
    public String certificateNumber;

    /** 享受全国劳模待遇: national-level treatment without (or beyond) the title's own level. */
    @Column(name = "national_treatment")
    public boolean nationalTreatment;

    @Column(name = "revoked_on")
    public LocalDate revokedOn;

    @Column(name = "revocation_reason")
    public String revocationReason;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    @Column(name = "recorded_by")
    public String recordedBy;

    public boolean isRevoked() {
        return revokedOn != null;
    }

    public static List<MemberHonour> ofMember(UUID memberId) {
        return list("memberId = ?1 order by year, title", memberId);
    }

    /**
     * The levels a member's unrevoked honours hold. National-level treatment (享受全国劳模待遇) also counts
     * as national; the database keeps the same rule for searches (V9 hold_honour_levels_of).
     */
    public static Set<HonourLevel> levelsHeld(List<MemberHonour> honours) {
        Set<HonourLevel> held = EnumSet.noneOf(HonourLevel.class);
        for (MemberHonour h : honours) {
            if (!h.isRevoked()) {
                held.add(h.level);
                if (h.nationalTreatment) {
                    held.add(HonourLevel.NATIONAL);
                }
            }
        }
        return held;
    }

    /** The highest level among unrevoked honours; null when there is none. */
    public static HonourLevel highestLevel(List<MemberHonour> honours) {
        HonourLevel highest = null;
        for (HonourLevel level : levelsHeld(honours)) {
            if (level.isHigherThan(highest)) {
                highest = level;
            }
        }
        return highest;
    }
}
