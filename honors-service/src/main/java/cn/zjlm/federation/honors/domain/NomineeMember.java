package cn.zjlm.federation.honors.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A registered member as honors-service knows them, from member events. */
@Entity
@Table(name = "nominee_member")
public class NomineeMember extends PanacheEntityBase {
    @Id
    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "association_code")
    public String associationCode;

    public String name;

    public String gender;

    @Column(name = "birth_date")
    public java.time.LocalDate birthDate;

    public String status;

    public String sector;

    @Column(name = "national_id_index")
    public String nationalIdIndex;

    /** The member's honours as in the last event (title, year, revokedOn …). */
    @JdbcTypeCode(SqlTypes.JSON)
    public String honours;

    @Column(name = "member_version")
    public long memberVersion;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
