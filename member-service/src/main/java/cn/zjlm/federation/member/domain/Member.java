package cn.zjlm.federation.member.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An honour holder in the registry. Sensitive values are held only as ciphertext and blind index. */
@Entity
public class Member extends PanacheEntityBase {
    @Id
    public UUID id;

    public String name;

    @Enumerated(EnumType.STRING)
    public Gender gender;

    public String ethnicity;

    @Column(name = "birth_date")
    public LocalDate birthDate;

    @Column(name = "national_id_cipher")
    public String nationalIdCipher;

    @Column(name = "national_id_index")
    public String nationalIdIndex;

    @Column(name = "phone_cipher")
    public String phoneCipher;

    public String employer;

    @Column(name = "employer_credit_code")
    public String employerCreditCode;

    @Enumerated(EnumType.STRING)
    public Sector sector;

    public String occupation;

    /** 学历, e.g. 大专, 本科 */
    public String education;

    /** 政治面貌, e.g. 中共党员, 群众 */
    @Column(name = "political_status")
    public String politicalStatus;

    public String address;

    @Column(name = "association_code")
    public String associationCode;

    @Enumerated(EnumType.STRING)
    public MemberStatus status;

    @Column(name = "deceased_on")
    public LocalDate deceasedOn;

    /** Keycloak subject of the member's own login, if they have one. */
    @Column(name = "account_subject")
    public UUID accountSubject;

    public String notes;

    /**
     * Honour levels held, for searches; kept by a database trigger on member_honour (V9), never updated here. A bulk
     * writer inserts a member with the levels of the honours it copies beside it ({@link #holdLevelsOf}), so the
     * trigger finds them right and rewrites no row; false for a member registered alone, who holds none yet.
     */
    @Column(name = "holds_national_honour", updatable = false)
    public boolean holdsNationalHonour;

    @Column(name = "holds_provincial_honour", updatable = false)
    public boolean holdsProvincialHonour;

    @Column(name = "holds_city_honour", updatable = false)
    public boolean holdsCityHonour;

    @Column(name = "holds_county_honour", updatable = false)
    public boolean holdsCountyHonour;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    /** Sets the levels held as the trigger would for a member holding exactly {@code honours}. */
    public void holdLevelsOf(List<MemberHonour> honours) {
        java.util.Set<HonourLevel> held = MemberHonour.levelsHeld(honours);
        holdsNationalHonour = held.contains(HonourLevel.NATIONAL);
        holdsProvincialHonour = held.contains(HonourLevel.PROVINCIAL);
        holdsCityHonour = held.contains(HonourLevel.CITY);
        holdsCountyHonour = held.contains(HonourLevel.COUNTY);
    }

    /** The entity field that says whether a member holds an honour of this level (for queries). */
    public static String holdsHonourField(HonourLevel level) {
        return switch (level) {
            case NATIONAL -> "holdsNationalHonour";
            case PROVINCIAL -> "holdsProvincialHonour";
            case CITY -> "holdsCityHonour";
            case COUNTY -> "holdsCountyHonour";
        };
    }
}
