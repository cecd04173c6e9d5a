package cn.zjlm.federation.member.domain;

import cn.zjlm.federation.commons.time.ChinaTime;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.security.AssociationScope;
import cn.zjlm.federation.member.api.HonourRequest;
import cn.zjlm.federation.member.events.MemberEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import cn.zjlm.federation.commons.persistence.TimeOrderedIds;

/**
 * Recording and revoking (撤销) the honours a member holds. Each change bumps the member's version; an honour
 * imported with its member's registration is part of that registration (version 0).
 */
@ApplicationScoped
public class MemberHonours {
    @Inject
    MemberRegistry registry;

    @Inject
    MemberEvents events;

    @Transactional
    public MemberHonour record(UUID memberId, HonourRequest request, AssociationScope scope, String actor) {
        Member m = registry.find(memberId, scope).orElseThrow(() -> ProblemException.notFound("member"));
        requirePossibleYear(m, request); // before the duplicate check, as a field error comes first
        if (MemberHonour.count("memberId = ?1 and title = ?2 and year = ?3", memberId, request.title().strip(),
                request.year()) > 0) {
            throw new ProblemException(409, "duplicate", java.util.List.of(new cn.zjlm.federation.commons.error.Problem
                    .FieldViolation("title", "honour.already-recorded", null)));
        }
        MemberHonour h = newHonour(m, request, actor);
        h.persist();
        MemberHistory.honourRecorded(h).persist();
        touch(m, actor, h.recordedAt);
        events.honourRecorded(m, h);
        return h;
    }

    /** A new honour of {@code m} as recording would store it, not stored: for a bulk writer. */
    public static MemberHonour newHonour(Member m, HonourRequest request, String actor) {
        requirePossibleYear(m, request);
        MemberHonour h = new MemberHonour();
        h.id = TimeOrderedIds.next();
        h.memberId = m.id;
        h.honourType = request.honourType();
        h.category = request.category();
        h.level = request.level();
        h.title = request.title().strip();
        h.conferringBody = request.conferringBody();
        h.year = request.year();
        h.certificateNumber = request.certificateNumber();
        h.nationalTreatment = Boolean.TRUE.equals(request.nationalTreatment());
        h.recordedAt = Instant.now();
        h.recordedBy = actor;
        return h;
    }

    private static void requirePossibleYear(Member m, HonourRequest request) {
        if (!possibleYear(m.birthDate, request.year())) {
            throw ProblemException.invalidField("year", "honour.year-impossible");
        }
    }

    /** An honour is recorded in a year its holder was of working age in, and not in the future. */
    public static boolean possibleYear(LocalDate birthDate, int year) {
        return year >= birthDate.getYear() + 14 && year <= ChinaTime.today().getYear();
    }

    @Transactional
    public MemberHonour revoke(UUID memberId, UUID honourId, LocalDate revokedOn, String reason,
            AssociationScope scope, String actor) {
        Member m = registry.find(memberId, scope).orElseThrow(() -> ProblemException.notFound("member"));
        MemberHonour h = MemberHonour.<MemberHonour>find("id = ?1 and memberId = ?2", honourId, memberId)
                .firstResultOptional().orElseThrow(() -> ProblemException.notFound("honour"));
        if (h.isRevoked()) {
            throw ProblemException.conflict("honour-already-revoked", h.revokedOn);
        }
        if (revokedOn.getYear() < h.year || revokedOn.isAfter(ChinaTime.today())) {
            throw ProblemException.invalidField("revokedOn", "honour.revocation-date-impossible");
        }
        h.revokedOn = revokedOn;
        h.revocationReason = reason.strip();
        Instant now = Instant.now();
        MemberHistory.record(memberId, "HONOUR_REVOKED", "honours", h.title + " (" + h.year + ")",
                "revoked " + revokedOn + ": " + h.revocationReason, actor, now);
        touch(m, actor, now);
        events.honourRevoked(m, h);
        return h;
    }

    /** A change to the member's honours is a change to the member: new version, new ETag. */
    private static void touch(Member m, String actor, Instant at) {
        m.updatedAt = at;
        m.updatedBy = actor;
        m.persistAndFlush();
    }
}
