package cn.zjlm.federation.honors.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A title in the honour catalogue (全国劳动模范, 浙江工匠, 工人先锋号 …). */
@Entity
@Table(name = "honour_type")
public class HonourType extends PanacheEntityBase {
    @Id
    public String code;

    public String name;

    @Column(name = "name_en")
    public String nameEn;

    public String category;

    public String level;

    @Column(name = "conferring_body")
    public String conferringBody;

    public boolean collective;

    @Column(name = "association_code")
    public String associationCode;

    @Column(name = "valid_from")
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;
}
