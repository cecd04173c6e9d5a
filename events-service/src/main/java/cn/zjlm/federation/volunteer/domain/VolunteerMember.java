package cn.zjlm.federation.volunteer.domain;

import cn.zjlm.federation.commons.events.MemberReadModel;
import cn.zjlm.federation.commons.events.MemberSnapshot;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/** A member as events-service knows them, from member events. */
@Entity
@Table(name = "volunteer_member")
public class VolunteerMember extends MemberReadModel {
    @Column(name = "account_subject")
    public UUID accountSubject;

    @Column(name = "deceased_on")
    public LocalDate deceasedOn;

    @Override
    protected void copy(MemberSnapshot s) {
        super.copy(s);
        accountSubject = s.accountSubject();
        deceasedOn = s.deceasedOn();
    }

    /** Living members in service or retired can sign up for activities. */
    public boolean canVolunteer() {
        return !isDeceased();
    }

    public static Optional<VolunteerMember> byAccount(UUID subject) {
        return find("accountSubject", subject).firstResultOptional();
    }
}
