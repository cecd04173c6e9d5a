package cn.zjlm.federation.honors.domain;

import cn.zjlm.federation.commons.time.ChinaTime;
import cn.zjlm.federation.commons.error.Preconditions;
import cn.zjlm.federation.commons.error.Problem.FieldViolation;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.identity.AssociationCode;
import cn.zjlm.federation.commons.identity.CreditCode;
import cn.zjlm.federation.commons.identity.NationalIdNumber;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.commons.security.AssociationScope;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import cn.zjlm.federation.honors.api.NominationRequest;
import cn.zjlm.federation.honors.events.HonorsEvents;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The nomination procedure: draft → submitted → reviewed level by level → public notice → approved →
 * conferred, or returned, rejected, withdrawn. Every transition is checked (409 with the reason),
 * recorded as a step, and published through the outbox in the same transaction.
 */
@ApplicationScoped
public class Nominations {
    @Inject
    PiiCipher cipher;

    @Inject
    HonorsEvents events;

    @Inject
    Eligibility eligibility;

    @Inject
    WorkingDays workingDays;

    @Inject
    Campaigns campaigns;

    @Transactional
    public Nomination create(NominationRequest r, Caller caller) {
        AssociationScope scope = caller.scope();
        String association = r.associationCode() == null ? scope.associationCode() : r.associationCode();
        if (!scope.covers(association)) {
            throw ProblemException.invalidField("associationCode", "association-code.out-of-scope");
        }
        Campaign campaign = campaigns.find(r.campaignId(), scope)
                .orElseThrow(() -> ProblemException.invalidField("campaignId", "nomination.campaign-unknown"));
        if (!AssociationScope.of(campaign.associationCode).covers(association)) {
            throw ProblemException.invalidField("associationCode", "nomination.outside-campaign");
        }
        Nomination n = new Nomination();
        n.id = UUID.randomUUID();
        n.campaignId = campaign.id;
        n.associationCode = association;
        boolean collectiveHonour = HonourType.<HonourType>findById(campaign.honourType).collective;
        String duplicateField = r.memberId() != null ? "memberId" : "nominee.nationalId";
        if (collectiveHonour != (r.collective() != null)) {
            throw ProblemException.invalidField("collective", collectiveHonour ? "nomination.collective-required"
                    : "nomination.collective-not-allowed");
        }
        if (collectiveHonour) {
            if (r.memberId() != null || r.nominee() != null) {
                throw ProblemException.invalidField("memberId", "nomination.collective-required");
            }
            if (r.employerCreditCode() == null) {
                throw ProblemException.invalidField("employerCreditCode", "nomination.collective-credit-code");
            }
            n.nomineeKind = r.collective().kind();
            n.nomineeName = r.collective().name().strip();
            n.nomineeIdIndex = collectiveIndex(n.nomineeKind, CreditCode.normalize(r.employerCreditCode()),
                    n.nomineeName);
            duplicateField = "UNIT".equals(n.nomineeKind) ? "employerCreditCode" : "collective.name";
        } else if ((r.memberId() == null) == (r.nominee() == null)) {
            throw ProblemException.invalidField("memberId", "nomination.member-or-nominee");
        } else if (r.memberId() != null) {
            NomineeMember member = NomineeMember.findById(r.memberId());
            if (member == null || !AssociationScope.of(association).covers(member.associationCode)) {
                throw ProblemException.invalidField("memberId", "nomination.member-unknown");
            }
            if ("DECEASED".equals(member.status)) {
                throw ProblemException.invalidField("memberId", "nomination.member-deceased");
            }
            n.memberId = member.memberId;
            n.nomineeName = member.name;
            n.nomineeGender = member.gender;
            n.nomineeBirthDate = member.birthDate;
            n.nomineeIdIndex = member.nationalIdIndex;
            n.sector = member.sector; // the registry's, unless the nomination names one (below)
        } else {
            String nationalId = NationalIdNumber.normalize(r.nominee().nationalId());
            n.nomineeIdIndex = cipher.blindIndex(nationalId);
            if (NomineeMember.count("nationalIdIndex", n.nomineeIdIndex) > 0) {
                throw ProblemException.invalidField("nominee.nationalId", "nomination.nominee-registered");
            }
            n.nomineeName = r.nominee().name().strip();
            n.nomineeGender = NationalIdNumber.isMale(nationalId) ? "MALE" : "FEMALE";
            n.nomineeBirthDate = NationalIdNumber.birthDateOf(nationalId).orElseThrow();
            n.nomineeIdCipher = cipher.encrypt(nationalId);
            n.nomineePhoneCipher = r.nominee().phone() == null ? null : cipher.encrypt(r.nominee().phone().strip());
        }
        requireNotNominated(n.campaignId, n.nomineeIdIndex, n.id, duplicateField);
        n.employer = r.employer().strip();
        n.employerCreditCode = r.employerCreditCode() == null ? null : CreditCode.normalize(r.employerCreditCode());
        n.sector = r.sector() != null ? r.sector() : n.sector;
        requireSector(n);
        n.occupation = r.occupation();
        n.deeds = r.deeds();
        n.state = NominationState.DRAFT;
        n.createdBy = caller.username();
        n.createdAt = n.updatedAt = Instant.now();
        n.persistAndFlush();
        step(n, "CREATED", null, caller, null, null);
        return n;
    }

    /** A person needs a sector (the share rules count by it); a unit or team has none. */
    private static void requireSector(Nomination n) {
        if (n.isCollective() && n.sector != null) {
            throw ProblemException.invalidField("sector", "nomination.sector-person-only");
        }
        if (!n.isCollective() && n.sector == null) {
            throw ProblemException.invalidField("sector", "nomination.sector-required");
        }
    }

    /** 409 when the campaign already has a nomination of the same person, unit or team (a withdrawn one aside). */
    private static void requireNotNominated(UUID campaignId, String nomineeIdIndex, UUID nominationId, String field) {
        if (Nomination.count("campaignId = ?1 and nomineeIdIndex = ?2 and id <> ?3 and state <> ?4", campaignId,
                nomineeIdIndex, nominationId, NominationState.WITHDRAWN) > 0) {
            throw new ProblemException(409, "duplicate", List.of(new FieldViolation(field,
                    "nomination.already-nominated", null)));
        }
    }

    /**
     * 409 when the person, unit or team is put forward (or honoured) for the same honour and year in another campaign:
     * one title a year, and one award paid for it.
     */
    private static void requireNotPutForwardElsewhere(Campaign c, Nomination n) {
        // two campaigns' submissions of the same nominee at once would each miss the other: one waits for the other
        cn.zjlm.federation.commons.persistence.TransactionLocks.lock(Nomination.getEntityManager(),
                "nominee|" + c.honourType + "|" + c.year + "|" + n.nomineeIdIndex);
        if (Nomination.count("nomineeIdIndex = ?1 and id <> ?2 and state in ?3 and campaignId in (select k.id from "
                + "Campaign k where k.honourType = ?4 and k.year = ?5 and k.id <> ?6)", n.nomineeIdIndex, n.id,
                NominationState.COUNTED, c.honourType, c.year, c.id) > 0) {
            throw ProblemException.conflict("nominated-elsewhere", c.honourType, c.year);
        }
    }

    /**
     * Identifies a unit (by its code) or a team (by its unit's code and its name, compared without
     * width, case or spacing differences) across campaigns.
     */
    static String collectiveIndex(String kind, String creditCode, String name) {
        String team = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKC).replaceAll("\\s+", "")
                .toLowerCase(java.util.Locale.ROOT);
        String key = "UNIT".equals(kind) ? "UNIT|" + creditCode : "TEAM|" + creditCode + "|" + team;
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional
    public Nomination edit(UUID id, long version, NominationRequest.Edit r, Caller caller) {
        Nomination n = findForUpdate(id, version, caller.scope());
        requireState(n, NominationState.DRAFT, NominationState.RETURNED);
        n.employer = r.employer().strip();
        n.employerCreditCode = r.employerCreditCode() == null ? null : CreditCode.normalize(r.employerCreditCode());
        if (n.isCollective()) {
            if (n.employerCreditCode == null) {
                throw ProblemException.invalidField("employerCreditCode", "nomination.collective-credit-code");
            }
            // the unit is the collective's identity: another code is another collective
            String index = collectiveIndex(n.nomineeKind, n.employerCreditCode, n.nomineeName);
            requireNotNominated(n.campaignId, index, n.id, "employerCreditCode");
            n.nomineeIdIndex = index;
        }
        n.sector = r.sector();
        requireSector(n);
        n.occupation = r.occupation();
        n.deeds = r.deeds();
        touch(n, caller, "EDITED", n.state, null, null);
        return n;
    }

    /**
     * Whether the person drafted, edited or submitted the nomination at any time (a resubmission after a return
     * included): they may not also review, approve or rule on an objection to it.
     */
    static boolean prepared(Nomination n, String person) {
        return person.equals(n.createdBy) || person.equals(n.submittedBy) || NominationStep.count(
                "nominationId = ?1 and actor = ?2 and action in ('CREATED', 'EDITED', 'SUBMITTED')", n.id, person) > 0;
    }

    /** Submission (推荐上报): inside the window, within the area's quota, meeting the campaign's rules. */
    @Transactional
    public Nomination submit(UUID id, Long version, Caller caller) {
        Nomination n = findForUpdate(id, version, caller.scope());
        requireState(n, NominationState.DRAFT, NominationState.RETURNED);
        Campaign c = Campaign.findById(n.campaignId);
        LocalDate today = ChinaTime.today();
        LocalDate closes = c.nominationCloses;
        LocalDate firstReviewBy = c.reviewDeadline(ReviewLevel.chain(n.associationCode, c.associationCode).get(0));
        if (n.state == NominationState.RETURNED && firstReviewBy != null && firstReviewBy.isAfter(closes)) {
            // returned during review (after the window closed): it may come back until its first review is due
            closes = firstReviewBy;
        }
        if (today.isBefore(c.nominationOpens) || today.isAfter(closes)) {
            throw ProblemException.conflict("nomination-window-closed", c.nominationOpens, closes);
        }
        eligibility.check(c, n);
        requireNotPutForwardElsewhere(c, n);
        NominationState from = n.state;
        n.state = NominationState.SUBMITTED;
        n.reviewLevel = ReviewLevel.chain(n.associationCode, c.associationCode).get(0);
        n.submittedBy = caller.username();
        touch(n, caller, "SUBMITTED", from, null, null);
        events.submitted(c, n, caller.username());
        return n;
    }

    public enum Decision { APPROVE, RETURN, REJECT }

    /**
     * A review at the nomination's current level, by that level's association and never by the
     * submitter or someone who already approved it at a lower level (separation of duties).
     */
    @Transactional
    public Nomination review(UUID id, Long version, Decision decision, String opinion, Caller caller) {
        Nomination n = findForUpdate(id, version, caller.scope());
        requireState(n, NominationState.SUBMITTED);
        Campaign c = Campaign.findById(n.campaignId);
        ReviewLevel level = n.reviewLevel;
        String reviewer = level.reviewerAssociation(n.associationCode);
        if (!reviewer.equals(caller.association())) {
            throw new ProblemException(403, "review-wrong-level", level, reviewer);
        }
        if (prepared(n, caller.username()) || NominationStep.count("nominationId = ?1 and actor = ?2 "
                + "and action = 'REVIEW_APPROVE' and level <> ?3", n.id, caller.username(), level.name()) > 0) {
            throw new ProblemException(403, "separation-of-duties");
        }
        LocalDate deadline = c.reviewDeadline(level);
        if (deadline != null && ChinaTime.today().isAfter(deadline)) {
            throw ProblemException.conflict("review-deadline-passed", level, deadline);
        }
        NominationState from = n.state;
        switch (decision) {
            case APPROVE -> {
                eligibility.check(c, n);
                ReviewLevel next = level.next(n.associationCode, c.associationCode);
                n.reviewLevel = next;
                if (next == null) {
                    n.state = NominationState.REVIEWED;
                }
            }
            case RETURN -> {
                n.state = NominationState.RETURNED;
                n.reviewLevel = null;
                events.returned(c, n, level.name(), opinion, caller.username());
            }
            case REJECT -> {
                n.state = NominationState.REJECTED;
                n.reviewLevel = null;
                events.rejected(c, n, level.name(), opinion, caller.username());
            }
            default -> throw new IllegalStateException();
        }
        touch(n, caller, "REVIEW_" + decision, from, level.name(), opinion);
        return n;
    }

    @Transactional
    public Nomination withdraw(UUID id, Long version, String reason, Caller caller) {
        Nomination n = findForUpdate(id, version, caller.scope());
        if (!NominationState.WITHDRAWABLE.contains(n.state)) {
            throw ProblemException.conflict("nomination-illegal-transition", n.state, NominationState.WITHDRAWN);
        }
        // a reviewing level turns a nomination down by a recorded RETURN or REJECT, not by withdrawing it
        if (!n.associationCode.equals(caller.association()) && !caller.username().equals(n.createdBy)) {
            throw new ProblemException(403, "withdraw-nominators-only");
        }
        NominationState from = n.state;
        n.state = NominationState.WITHDRAWN;
        n.reviewLevel = null;
        touch(n, caller, "WITHDRAWN", from, null, reason);
        events.withdrawn(Campaign.findById(n.campaignId), n, from.name(), reason, caller.username());
        return n;
    }

    /** Starts the public notice (公示) of every reviewed nomination of the campaign, for N working days. */
    @Transactional
    public List<Nomination> startNotice(UUID campaignId, LocalDate startsOn, Caller caller) {
        Campaign c = organisersCampaign(campaignId, caller);
        LocalDate start = startsOn == null ? ChinaTime.today() : startsOn;
        if (start.isBefore(ChinaTime.today())) {
            throw ProblemException.invalidField("startsOn", "notice.start-in-past");
        }
        LocalDate end = workingDays.periodEnd(start, c.noticeWorkingDays);
        List<Nomination> reviewed = Nomination.list("campaignId = ?1 and state = ?2 order by associationCode, id",
                c.id, NominationState.REVIEWED);
        if (reviewed.isEmpty()) {
            throw ProblemException.conflict("notice-nothing-reviewed");
        }
        for (Nomination n : reviewed) {
            n.noticeStarts = start;
            n.noticeEnds = end;
            n.state = NominationState.PUBLIC_NOTICE;
            touch(n, caller, "NOTICE_STARTED", NominationState.REVIEWED, null, start + "—" + end);
            events.noticeStarted(c, n);
        }
        return reviewed;
    }

    /** Approval (批准) after the notice has ended with no open objection; quota and rules once more. */
    @Transactional
    public Nomination approve(UUID id, Long version, String opinion, Caller caller) {
        // Who may act is decided before the version is compared, so a refused caller learns nothing of it.
        Nomination n = find(id, caller.scope()).orElseThrow(() -> ProblemException.notFound("nomination"));
        Campaign c = organisersCampaign(n.campaignId, caller);
        Preconditions.requireVersion(n.version, version);
        requireState(n, NominationState.PUBLIC_NOTICE);
        if (prepared(n, caller.username())) {
            throw new ProblemException(403, "separation-of-duties");
        }
        if (!ChinaTime.today().isAfter(n.noticeEnds)) {
            throw ProblemException.conflict("notice-not-ended", n.noticeEnds);
        }
        long open = Objection.count("nominationId = ?1 and status = 'OPEN'", n.id);
        if (open > 0) {
            throw ProblemException.conflict("objection-open", open);
        }
        eligibility.check(c, n);
        n.state = NominationState.APPROVED;
        touch(n, caller, "APPROVED", NominationState.PUBLIC_NOTICE, null, opinion);
        events.approved(c, n, caller.username());
        return n;
    }

    /** Conferral (授予): every approved nomination of the campaign gets its certificate number. */
    @Transactional
    public List<Nomination> confer(UUID campaignId, LocalDate conferredOn, Caller caller) {
        Campaign c = organisersCampaign(campaignId, caller);
        // certificate numbers run on per honour and year across campaigns: one conferral of a type at a time
        HonourType type = HonourType.findById(c.honourType, LockModeType.PESSIMISTIC_WRITE);
        List<Nomination> approved = Nomination.list("campaignId = ?1 and state = ?2 order by associationCode, id",
                c.id, NominationState.APPROVED);
        if (approved.isEmpty()) {
            throw ProblemException.conflict("conferral-nothing-approved");
        }
        LocalDate on = conferredOn == null ? ChinaTime.today() : conferredOn;
        if (on.getYear() < c.year || on.isAfter(ChinaTime.today())) {
            // the registry records an honour in its year; it cannot be conferred before that year or in the future
            throw ProblemException.invalidField("conferredOn", "conferral.date-outside-year");
        }
        // every campaign counts the certificates it issued: this honour's numbers so far in the year
        long issued = Campaign.find("select coalesce(sum(k.certificatesIssued), 0) from Campaign k "
                + "where k.honourType = ?1 and k.year = ?2", c.honourType, c.year).project(Long.class).firstResult();
        // conferrals of the type are serialised (above): a person conferred in another campaign meanwhile shows here
        approved.forEach(n -> requireNotPutForwardElsewhere(c, n));
        if (approved.stream().anyMatch(n -> n.noticeEnds != null && !on.isAfter(n.noticeEnds))) {
            // approval comes after the public notice, and conferral after approval
            throw ProblemException.invalidField("conferredOn", "conferral.date-before-notice-end");
        }
        for (Nomination n : approved) {
            c.certificatesIssued++;
            n.certificateNumber = "%s-%d-%04d".formatted(c.honourType, c.year, ++issued);
            n.conferredOn = on;
            n.state = NominationState.CONFERRED;
            touch(n, caller, "CONFERRED", NominationState.APPROVED, null, n.certificateNumber);
            events.conferred(c, type, n);
        }
        return approved;
    }

    public Optional<Nomination> find(UUID id, AssociationScope scope) {
        Nomination n = Nomination.findById(id);
        return n != null && scope.covers(n.associationCode) ? Optional.of(n) : Optional.empty();
    }

    public record Filter(UUID campaignId, NominationState state, String associationCode) {
    }

    public record Found(List<Nomination> items, long total) {
    }

    public Found search(Filter f, AssociationScope scope, int page, int size) {
        Query q = query(f, scope);
        var query = Nomination.<Nomination>find(q.where() + " order by createdAt desc, id", q.params());
        return new Found(query.page(page, size).list(), query.count());
    }

    private record Query(String where, Parameters params) {
    }

    private static Query query(Filter f, AssociationScope scope) {
        StringBuilder q = new StringBuilder("associationCode like :scope");
        Parameters p = Parameters.with("scope", scope.likePattern());
        if (f.campaignId() != null) {
            q.append(" and campaignId = :campaign");
            p.and("campaign", f.campaignId());
        }
        if (f.state() != null) {
            q.append(" and state = :state");
            p.and("state", f.state());
        }
        if (f.associationCode() != null) {
            q.append(" and associationCode like :area");
            p.and("area", AssociationScope.of(f.associationCode()).likePattern());
        }
        return new Query(q.toString(), p);
    }

    Nomination findForUpdate(UUID id, Long version, AssociationScope scope) {
        Nomination n = find(id, scope).orElseThrow(() -> ProblemException.notFound("nomination"));
        Preconditions.requireVersion(n.version, version);
        return n;
    }

    /** The campaign, when the caller administers its organising association. */
    Campaign organisersCampaign(UUID campaignId, Caller caller) {
        return organisersCampaign(campaignId, caller, Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN);
    }

    /**
     * Whether the caller rules on the nomination's objections (the organiser's reviewers and admins who did not
     * prepare it): only they see who filed one, not the nominating side it complains about.
     */
    public boolean handlesObjections(Nomination n, Caller caller) {
        try {
            organisersCampaign(n.campaignId, caller, Roles.REVIEWER, Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN);
        } catch (ProblemException notOrganiser) {
            return false;
        }
        return !prepared(n, caller.username());
    }

    /** The campaign, when the caller works for its organiser in one of {@code roles}; 403 otherwise. */
    Campaign organisersCampaign(UUID campaignId, Caller caller, String... roles) {
        Campaign c = campaigns.find(campaignId, caller.scope())
                .orElseThrow(() -> ProblemException.notFound("campaign"));
        // a county's own title (建德名匠) is run by its city's admins, who set the campaign up: no county has admins
        boolean organiser = c.associationCode.equals(caller.association())
                || AssociationCode.level(c.associationCode) == AssociationCode.Level.COUNTY
                && AssociationCode.parent(c.associationCode).equals(caller.association());
        if (!organiser || !caller.hasAnyRole(roles)) {
            throw new ProblemException(403, "organiser-only", c.associationCode);
        }
        return c;
    }

    static void requireState(Nomination n, NominationState... allowed) {
        for (NominationState s : allowed) {
            if (n.state == s) {
                return;
            }
        }
        throw ProblemException.conflict("nomination-illegal-transition", n.state, List.of(allowed));
    }

    private void touch(Nomination n, Caller caller, String action, NominationState from, String level,
            String opinion) {
        n.updatedAt = Instant.now();
        n.persistAndFlush();
        step(n, action, from, caller, level, opinion);
    }

    static void step(Nomination n, String action, NominationState from, Caller caller, String level, String opinion) {
        NominationStep s = new NominationStep();
        s.nominationId = n.id;
        s.action = action;
        s.level = level;
        s.actor = caller.username();
        s.actorAssociation = caller.association();
        s.opinion = opinion;
        s.fromState = from == null ? "-" : from.name();
        s.toState = n.state.name();
        s.at = Instant.now();
        s.persist();
    }
}
