package cn.zjlm.federation.care.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A care programme (生活困难补助, 特殊困难帮扶金 …); its amounts live in versioned ProgrammeRules. */
@Entity
public class Programme extends PanacheEntityBase {
    @Id
    public String code;

    public String name;

    @Column(name = "name_en")
    public String nameEn;

    public String description;

    /** Pays a person at most once a year, whatever the periods are labelled (V10). */
    @Column(name = "once_a_year")
    public boolean onceAYear;

    public static boolean onceAYear(String code) {
        Programme p = findById(code);
        return p != null && p.onceAYear;
    }
}
