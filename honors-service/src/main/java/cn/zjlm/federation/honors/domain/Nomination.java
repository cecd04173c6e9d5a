package cn.zjlm.federation.honors.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A nomination (推荐) in a campaign by a county or city association. The nominee is a registered
 * member or a new person; their ID number is held only as ciphertext and blind index.
 */
@Entity
public class Nomination extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "campaign_id")
    public UUID campaignId;

    /** The nominating association; the nomination is visible in its scope and counts against its area's quota. */
    @Column(name = "association_code")
    public String associationCode;

    /** Set when the nominee is a registered member. */
    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "nominee_name")
    public String nomineeName;

    /** PERSON, or for a collective honour UNIT or TEAM. */
    @Column(name = "nominee_kind")
    public String nomineeKind = PERSON;

    @Column(name = "nominee_gender")
    public String nomineeGender;

    @Column(name = "nominee_birth_date")
    public LocalDate nomineeBirthDate;

    @Column(name = "nominee_id_index")
    public String nomineeIdIndex;

    /** Only for a nominee not yet registered: member-service registers them from it on conferral. */
    @Column(name = "nominee_id_cipher")
    public String nomineeIdCipher;

    @Column(name = "nominee_phone_cipher")
    public String nomineePhoneCipher;

    public String employer;

    @Column(name = "employer_credit_code")
    public String employerCreditCode;

    public static final String PERSON = "PERSON";

    public boolean isCollective() {
        return !PERSON.equals(nomineeKind);
    }

    /** Sector code (FRONTLINE_WORKER, FARMER, ENTERPRISE_HEAD …) used by the share rules; none for a collective. */
    public String sector;

    public String occupation;

    /** 事迹材料 */
    public String deeds;

    @Enumerated(EnumType.STRING)
    public NominationState state;

    /** While SUBMITTED: the level that reviews next. */
    @Enumerated(EnumType.STRING)
    @Column(name = "review_level")
    public ReviewLevel reviewLevel;

    @Column(name = "notice_starts")
    public LocalDate noticeStarts;

    @Column(name = "notice_ends")
    public LocalDate noticeEnds;

    @Column(name = "certificate_number")
    public String certificateNumber;

    @Column(name = "conferred_on")
    public LocalDate conferredOn;

    @Column(name = "submitted_by")
    public String submittedBy;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;
}
