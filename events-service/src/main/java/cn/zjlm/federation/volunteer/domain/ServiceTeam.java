package cn.zjlm.federation.volunteer.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A volunteer service team (服务队) of an association, with a specialty and a leader. */
@Entity
@Table(name = "service_team")
public class ServiceTeam extends PanacheEntityBase {
    /** The specialties associations organise teams by (Jiande's five, plus general technical service). */
    public static final List<String> SPECIALTIES = List.of("TECHNICAL_BREAKTHROUGH", "HEALTH", "EDUCATION",
            "CULTURE_TOURISM", "CHARITY", "TECHNICAL_SERVICE", "LECTURE");

    @Id
    public UUID id;

    @Column(name = "association_code")
    public String associationCode;

    public String name;

    public String specialty;

    @Column(name = "leader_id")
    public UUID leaderId;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Version
    public long version;
}
