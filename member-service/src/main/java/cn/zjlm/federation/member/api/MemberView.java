package cn.zjlm.federation.member.api;

import cn.zjlm.federation.commons.pii.Masking;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.member.domain.Gender;
import cn.zjlm.federation.member.domain.Member;
import cn.zjlm.federation.member.domain.MemberStatus;
import cn.zjlm.federation.member.domain.Sector;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.UUID;

/** A member as returned to staff: sensitive values masked. */
public record MemberView(UUID id, String name, Gender gender, String ethnicity, LocalDate birthDate, int age,
        String nationalIdMasked, String phoneMasked, String employer, String employerCreditCode, Sector sector,
        String occupation, String associationCode, MemberStatus status, LocalDate deceasedOn, String notes,
        long version, Instant createdAt, Instant updatedAt) {

    static MemberView of(Member m, PiiCipher cipher) {
        LocalDate until = m.deceasedOn != null ? m.deceasedOn : LocalDate.now();
        return new MemberView(m.id, m.name, m.gender, m.ethnicity, m.birthDate,
                Period.between(m.birthDate, until).getYears(), Masking.nationalId(cipher.decrypt(m.nationalIdCipher)),
                Masking.phone(cipher.decrypt(m.phoneCipher)), m.employer, m.employerCreditCode, m.sector,
                m.occupation, m.associationCode, m.status, m.deceasedOn, m.notes, m.version, m.createdAt,
                m.updatedAt);
    }
}
