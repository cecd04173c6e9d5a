package cn.zjlm.federation.volunteer.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A member as events-service knows them, from member events. */
@Entity
@Table(name = "volunteer_member")
public class VolunteerMember extends PanacheEntityBase {
    @Id
    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "association_code")
    public String associationCode;

    public String name;

    public String status;

    @Column(name = "birth_date")
    public LocalDate birthDate;

    /** Version of the member record this row reflects; older events are ignored. */
    @Column(name = "member_version")
    public long memberVersion;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Living members in service or retired can sign up for activities. */
    public boolean canVolunteer() {
        return !"DECEASED".equals(status);
    }
}
