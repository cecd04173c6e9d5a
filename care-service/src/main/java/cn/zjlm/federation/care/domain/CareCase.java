package cn.zjlm.federation.care.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One entitlement of one person under one programme for one period (unique), with its explanation. */
@Entity
@Table(name = "care_case")
public class CareCase extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "programme_code")
    public String programmeCode;

    @Column(name = "association_code")
    public String associationCode;

    @Column(name = "member_id")
    public UUID memberId;

    /** Blind index of the beneficiary's ID number: identifies the person without the number. */
    @Column(name = "beneficiary_index")
    public String beneficiaryIndex;

    @Column(name = "beneficiary_name")
    public String beneficiaryName;

    /** The programme period, e.g. "2027" or the conferral a one-time award belongs to. */
    public String period;

    /** Exact to the fen. */
    public BigDecimal amount;

    @JdbcTypeCode(SqlTypes.JSON)
    public String explanation;

    public String state;

    @Column(name = "source_event_id")
    public UUID sourceEventId;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;
}
