package cn.zjlm.federation.honors.domain;

import cn.zjlm.federation.commons.events.MemberReadModel;
import cn.zjlm.federation.commons.events.MemberSnapshot;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A registered member as honors-service knows them, from member events. */
@Entity
@Table(name = "nominee_member")
public class NomineeMember extends MemberReadModel {
    public String gender;

    public String sector;

    @Column(name = "national_id_index")
    public String nationalIdIndex;

    /** The member's honours as in the last event (title, year, revokedOn …). */
    @JdbcTypeCode(SqlTypes.JSON)
    public String honours;

    @Override
    protected void copy(MemberSnapshot s) {
        super.copy(s);
        gender = s.gender();
        sector = s.sector();
        nationalIdIndex = s.nationalIdIndex();
        honours = s.honours().toString();
    }
}
