package cn.zjlm.federation.care.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A recuperation trip batch (疗休养): route, dates, capacity. */
@Entity
public class Trip extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "association_code")
    public String associationCode;

    public String route;

    public String batch;

    @Column(name = "starts_on")
    public LocalDate startsOn;

    @Column(name = "ends_on")
    public LocalDate endsOn;

    public int capacity;

    /** Members who went on a trip within this many years rank after everyone else. */
    @Column(name = "rest_years")
    public int restYears;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Version
    public long version;
}
