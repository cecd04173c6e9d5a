package cn.zjlm.federation.care.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.Optional;

/** How many days a category of petition may wait for its reply, valid over a period. */
@Entity
@Table(name = "petition_policy")
public class PetitionPolicy extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String category;

    public String name;

    @Column(name = "reply_days")
    public int replyDays;

    @Column(name = "valid_from")
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;

    public String source;

    /** The policy in force for the category on the day the petition was received. */
    public static Optional<PetitionPolicy> inForce(String category, LocalDate on) {
        return find("category = ?1 and validFrom <= ?2 and (validTo is null or validTo >= ?2) order by validFrom desc",
                category, on).firstResultOptional();
    }
}
