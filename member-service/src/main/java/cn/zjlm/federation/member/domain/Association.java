package cn.zjlm.federation.member.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.List;

/** A provincial, city or county association (GB/T 2260 code) or an industry branch under one. */
@Entity
public class Association extends PanacheEntityBase {
    @Id
    public String code;

    public String name;

    /** Administrative division the association serves, e.g. 萧山区. */
    public String division;

    @Column(name = "parent_code")
    public String parentCode;

    public String level;

    /** The associations matching a scope's LIKE pattern ({@code AssociationCode.scopePattern}). */
    public static List<Association> inScope(String likePattern) {
        return list("code like ?1 order by code", likePattern);
    }
}
