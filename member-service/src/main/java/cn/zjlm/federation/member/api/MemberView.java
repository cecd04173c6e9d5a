package cn.zjlm.federation.member.api;

import cn.zjlm.federation.commons.time.ChinaTime;
import cn.zjlm.federation.commons.pii.Masking;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.member.domain.Gender;
import cn.zjlm.federation.member.domain.HonourLevel;
import cn.zjlm.federation.member.domain.Member;
import cn.zjlm.federation.member.domain.MemberHonour;
import cn.zjlm.federation.member.domain.MemberStatus;
import cn.zjlm.federation.member.domain.Sector;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** A member as returned to staff: sensitive values masked, honours with the derived highest level. */
public record MemberView(UUID id, String name, Gender gender, String ethnicity, LocalDate birthDate, int age,
        String nationalIdMasked, String phoneMasked, String employer, String employerCreditCode, Sector sector,
        String occupation, String education, String politicalStatus, String address, String associationCode,
        MemberStatus status, LocalDate deceasedOn,
        HonourLevel highestHonourLevel, List<HonourView> honours, String notes, long version, Instant createdAt,
        Instant updatedAt) {

    public record HonourView(UUID id, String honourType, String category, String level, String title,
            String conferringBody, int year, String certificateNumber, boolean nationalTreatment,
            LocalDate revokedOn, String revocationReason) {
        public static HonourView of(MemberHonour h) {
            return new HonourView(h.id, h.honourType, h.category.name(), h.level.name(), h.title, h.conferringBody,
                    h.year, h.certificateNumber, h.nationalTreatment, h.revokedOn, h.revocationReason);
        }
    }

    static MemberView of(Member m, PiiCipher cipher) {
        return of(m, MemberHonour.ofMember(m.id), cipher);
    }

    /** Views of a page of members with one query for all their honours. */
    static List<MemberView> of(List<Member> members, PiiCipher cipher) {
        if (members.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<MemberHonour>> honours = MemberHonour.<MemberHonour>list("memberId in ?1 order by year, title",
                members.stream().map(m -> m.id).toList()).stream()
                .collect(Collectors.groupingBy(h -> h.memberId));
        return members.stream().map(m -> of(m, honours.getOrDefault(m.id, List.of()), cipher)).toList();
    }

    private static MemberView of(Member m, List<MemberHonour> honours, PiiCipher cipher) {
        LocalDate until = m.deceasedOn != null ? m.deceasedOn : ChinaTime.today();
        return new MemberView(m.id, m.name, m.gender, m.ethnicity, m.birthDate,
                Period.between(m.birthDate, until).getYears(), Masking.nationalId(cipher.decrypt(m.nationalIdCipher)),
                Masking.phone(cipher.decrypt(m.phoneCipher)), m.employer, m.employerCreditCode, m.sector,
                m.occupation, m.education, m.politicalStatus, m.address, m.associationCode, m.status, m.deceasedOn, MemberHonour.highestLevel(honours),
                honours.stream().map(HonourView::of).toList(), m.notes, m.version, m.createdAt, m.updatedAt);
    }
}
