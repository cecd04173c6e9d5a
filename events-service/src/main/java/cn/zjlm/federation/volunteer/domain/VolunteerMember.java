package cn.zjlm.federation.volunteer.domain;

import cn.zjlm.federation.commons.events.MemberReadModel;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A member as events-service knows them, from member events. */
@Entity
@Table(name = "volunteer_member")
public class VolunteerMember extends MemberReadModel {
    /** Living members in service or retired can sign up for activities. */
    public boolean canVolunteer() {
        return !isDeceased();
    }
}
