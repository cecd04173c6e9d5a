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

    /**
     * Locks these members in one order (their ids), as work on several of them must: a sign-up locks its member, then
     * the activity, so locking members one after another in any order could deadlock.
     */
    public static void lockInOrder(java.util.Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            getEntityManager().createQuery("from VolunteerMember where memberId in ?1 order by memberId",
                    VolunteerMember.class).setParameter(1, ids)
                    .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).getResultList();
        }
    }

    public static Optional<VolunteerMember> byAccount(UUID subject) {
        return find("accountSubject", subject).firstResultOptional();
    }
}
