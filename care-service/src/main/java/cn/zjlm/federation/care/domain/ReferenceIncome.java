package cn.zjlm.federation.care.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.Optional;

/** A city's average income of a social category for a year (统计公报), kept as data. */
@Entity
@Table(name = "reference_income")
public class ReferenceIncome extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "association_code")
    public String associationCode;

    public int year;

    @Column(name = "social_category")
    public String socialCategory;

    public BigDecimal amount;

    public String source;

    /** The latest published figure not after {@code year} (the current year's is published the next spring). */
    public static Optional<ReferenceIncome> latest(String cityCode, String category, int year) {
        return find("associationCode = ?1 and socialCategory = ?2 and year <= ?3 order by year desc", cityCode,
                category, year).firstResultOptional();
    }
}
