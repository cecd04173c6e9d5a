package cn.zjlm.federation.care.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;

/** An association's yearly budget for a programme. */
@Entity
public class Budget extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "association_code")
    public String associationCode;

    @Column(name = "programme_code")
    public String programmeCode;

    public int year;

    public BigDecimal amount;

    /** Set when the budget could not cover an approval or reached zero; cleared when it is raised. */
    @Column(name = "exhausted_at")
    public Instant exhaustedAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;
}
