package cn.zjlm.federation.care.domain;

import cn.zjlm.federation.commons.events.MemberReasons;
import cn.zjlm.federation.commons.persistence.TransactionLocks;
import cn.zjlm.federation.commons.time.ChinaTime;
import cn.zjlm.federation.care.events.CareEvents;
import cn.zjlm.federation.commons.error.Preconditions;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.error.UniqueViolations;
import cn.zjlm.federation.commons.identity.AssociationCode;
import cn.zjlm.federation.commons.identity.NationalIdNumber;
import cn.zjlm.federation.commons.pii.PiiCipher;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The life of a case: application (by staff or the member), assessment with its explanation,
 * a discretionary decision for a spouse, approval by finance with four eyes and within budget,
 * payment (at most one per person, programme and period), rejection, hold.
 */
@ApplicationScoped
public class CaseService {
    /** Programmes whose amount needs no personal inputs: a staff application is assessed at once. */
    static final Set<String> BY_LEVEL = Set.of("SPRING_FESTIVAL", "HONOUR_ALLOWANCE");
    /** Help for national model workers that may reach a deceased one's spouse by discretion. */
    static final Set<String> SPOUSE_PROGRAMMES = Set.of("HARDSHIP_TOPUP", "SPECIAL_HARDSHIP");

    @Inject
    Assessor assessor;

    @Inject
    Budgets budgets;

    @Inject
    CareEvents events;

    @Inject
    PiiCipher cipher;

    /** A spouse named in an application: the deceased member is the one whose title grounds the help. */
    public record Spouse(String name, String nationalId, boolean noFixedIncome) {
    }

    /**
     * Opens a case. {@code assess} is true for staff: the case is then assessed at once when its
     * inputs are given or not needed; a member's own application waits for staff to assess it.
     */
    @Transactional
    public CareCase apply(String programme, String period, CareMember member, Spouse spouse, String note,
            String documents, Assessor.Inputs inputs, boolean assess, String actor) {
        if (Programme.findById(programme) == null) {
            throw ProblemException.invalidField("programme", "care.programme-unknown");
        }
        ProgrammeRule rule = assessor.ruleFor(programme, member.associationCode, ChinaTime.today());
        CareCase c = new CareCase();
        c.id = UUID.randomUUID();
        c.programmeCode = programme;
        c.associationCode = member.associationCode;
        c.period = period;
        c.year = Integer.parseInt(period.substring(0, 4));
        c.applicationNote = note;
        c.documents = documents;
        if (spouse == null) {
            assessor.refusal(rule, member).ifPresent(reason -> {
                throw new ProblemException(422, "not-eligible", reason);
            });
            c.memberId = member.memberId;
            c.beneficiaryIndex = member.nationalIdIndex;
            c.beneficiaryName = member.name;
        } else {
            requireSpouseGrounds(programme, rule, member, spouse);
            String id = NationalIdNumber.normalize(spouse.nationalId());
            c.beneficiaryKind = "SPOUSE";
            c.relatedMemberId = member.memberId;
            c.beneficiaryIndex = cipher.blindIndex(id);
            c.beneficiaryIdCipher = cipher.encrypt(id);
            c.beneficiaryName = spouse.name().strip();
        }
        boolean yearly = Programme.onceAYear(programme);
        if (yearly) {
            // two applications for the same year under different labels must not both pass the check below
            TransactionLocks.lock(CareCase.getEntityManager(),
                    "care|" + programme + "|" + c.beneficiaryIndex + "|" + c.year);
        }
        CareCase.<CareCase>find("programmeCode = ?1 and beneficiaryIndex = ?2 and "
                + (yearly ? "year = ?3" : "period = ?3") + " and state not in ?4",
                programme, c.beneficiaryIndex, yearly ? (Object) c.year : period, List.of("REJECTED", "DROPPED"))
                .firstResultOptional()
                .ifPresent(existing -> {
                    // A case another association opened (before the member moved) is named, not identified.
                    throw existing.associationCode.equals(c.associationCode)
                            ? ProblemException.conflict("case-exists", programme, existing.period, existing.id)
                            : ProblemException.conflict("case-exists-elsewhere", programme, existing.period);
                });
        c.state = "APPLIED";
        c.createdBy = actor;
        c.createdAt = c.updatedAt = Instant.now();
        if (assess && (inputs != null || BY_LEVEL.contains(programme))) {
            assessWith(c, rule, member, inputs == null ? Assessor.Inputs.NONE : inputs, actor);
        }
        try {
            c.persistAndFlush();
        } catch (PersistenceException e) {
            if (!UniqueViolations.isViolationOf(e, "care_case_one_per_period")) {
                throw e;
            }
            // the partial unique index: a concurrent application for the same person and period won
            throw ProblemException.conflict("case-exists", programme, period, "?");
        }
        return c;
    }

    private void requireSpouseGrounds(String programme, ProgrammeRule rule, CareMember deceased, Spouse spouse) {
        if (!SPOUSE_PROGRAMMES.contains(programme)) {
            throw ProblemException.invalidField("programme", "care.spouse-programme");
        }
        if (!deceased.isDeceased()) {
            throw ProblemException.invalidField("spouse.deceasedMemberId", "care.spouse-member-alive");
        }
        if (!spouse.noFixedIncome()) {
            throw ProblemException.invalidField("spouse.noFixedIncome", "care.spouse-has-income");
        }
        boolean national = rule.eligibility().flatMap(e -> e.qualifyingLevel(deceased))
                .filter("NATIONAL"::equals).isPresent();
        if (!national) {
            throw new ProblemException(422, "not-eligible", CaseReasons.noQualifyingHonour(programme));
        }
    }

    @Transactional
    public CareCase assess(CareCase c, Assessor.Inputs inputs, String actor) {
        requireState(c, "assess", "APPLIED", "PENDING_APPROVAL", "HELD");
        boolean held = "HELD".equals(c.state);
        CareMember holder = holderOf(c).orElseThrow(() -> ProblemException.conflict("not-eligible",
                CaseReasons.memberUnknown()));
        assessWith(c, assessor.ruleFor(c.programmeCode, c.associationCode, ChinaTime.today()), holder, inputs, actor);
        if (held) {
            // a held case comes back only when what held it is gone (a title changed: assessed again for the new one)
            eligibilityRefusal(c).ifPresent(reason -> {
                throw new ProblemException(422, "not-eligible", reason);
            });
        }
        return c;
    }

    private void assessWith(CareCase c, ProgrammeRule rule, CareMember holder, Assessor.Inputs inputs, String actor) {
        assessor.assess(c, rule, holder, inputs);
        c.state = "PENDING_APPROVAL";
        c.assessedBy = actor;
        c.assessedAt = c.updatedAt = Instant.now();
    }

    /** The discretionary decision that admits a spouse: by an administrator other than the applicant. */
    @Transactional
    public CareCase decideDiscretion(CareCase c, String reason, String actor) {
        if (!c.isSpouseCase()) {
            throw ProblemException.conflict("discretion-not-applicable");
        }
        requireState(c, "decide discretion on", "APPLIED", "PENDING_APPROVAL");
        if (c.discretionBy != null) {
            throw ProblemException.conflict("discretion-decided", c.discretionBy);
        }
        requireOtherPerson(c, actor);
        c.discretionReason = reason.strip();
        c.discretionBy = actor;
        c.discretionAt = c.updatedAt = Instant.now();
        return c;
    }

    /** Approval by finance: four eyes, eligibility re-checked, within budget; announced by EntitlementApproved. */
    @Transactional
    public CareCase approve(UUID id, Long expectedVersion, Function<CareCase, CareCase> scopeCheck, String actor) {
        CareCase c = scopeCheck.apply(CareCase.findById(id, LockModeType.PESSIMISTIC_WRITE));
        Preconditions.requireVersion(c.version, expectedVersion);
        requireState(c, "approve", "PENDING_APPROVAL");
        requireOtherPerson(c, actor);
        if (c.isSpouseCase() && c.discretionBy == null) {
            throw ProblemException.conflict("discretion-required");
        }
        eligibilityRefusal(c).ifPresent(reason -> {
            throw ProblemException.conflict("not-eligible", reason);
        });
        requireWithinYearlyCap(c);
        budgets.draw(List.of(c));
        markApproved(c, actor);
        return c;
    }

    /**
     * A yearly cap (the medical subsidy's) holds at approval, not only at assessment: two cases of one person
     * assessed side by side each saw the room the other takes. Approvals of one person, programme and year
     * are serialised by an advisory lock, so two finance staff approving at once cannot both fit.
     */
    private void requireWithinYearlyCap(CareCase c) {
        BigDecimal cap = explanationAmount(c, "capPerYear");
        if (cap == null || c.amount == null) {
            return;
        }
        TransactionLocks.lock(CareCase.getEntityManager(),
                "care-yearly-cap:" + c.programmeCode + ":" + c.beneficiaryIndex + ":" + c.year);
        BigDecimal committed = CareCase.committedInYear(c.programmeCode, c.beneficiaryIndex, c.year, c.id);
        if (committed.add(c.amount).compareTo(cap) > 0) {
            throw ProblemException.conflict("yearly-cap-exceeded", c.amount.toPlainString(), cap.toPlainString(),
                    committed.toPlainString());
        }
    }

    void markApproved(CareCase c, String actor) {
        c.state = "APPROVED";
        c.approvedBy = actor;
        c.approvedAt = c.updatedAt = Instant.now();
        events.approved(c, ruleVersion(c));
    }

    /**
     * Why the case's person can no longer receive it, as the read model stands: died, moved out of
     * the case's association, or no longer holds a qualifying title. Empty when nothing stands in the way.
     */
    public Optional<String> eligibilityRefusal(CareCase c) {
        return eligibilityRefusal(c, x -> ProgrammeRule.applicable(x.programmeCode, x.associationCode, ChinaTime.today()));
    }

    /** As above, with the rule in force for a case supplied (a cycle looks each association's rule up once). */
    Optional<String> eligibilityRefusal(CareCase c, Function<CareCase, Optional<ProgrammeRule>> ruleOf) {
        if (c.isSpouseCase()) {
            return Optional.empty(); // admitted by discretion
        }
        if (c.memberId == null) {
            // an award winner who was not yet a member: found by index once registered, else nothing to check
            return "CRAFTSMAN_AWARD".equals(c.programmeCode) ? CareMember.<CareMember>find("nationalIdIndex",
                    c.beneficiaryIndex).firstResultOptional().flatMap(m -> awardRefusal(c, m)) : Optional.empty();
        }
        Optional<CareMember> found = CareMember.findByIdOptional(c.memberId);
        if (found.isEmpty()) {
            return Optional.of(CaseReasons.memberUnknown());
        }
        CareMember member = found.get();
        if (member.isDeceased()) {
            return Optional.of(MemberReasons.deceased(member.deceasedOn));
        }
        if (!AssociationCode.covers(c.associationCode, member.associationCode)) {
            return Optional.of(CaseReasons.transferred(member.associationCode));
        }
        if ("CRAFTSMAN_AWARD".equals(c.programmeCode)) {
            return awardRefusal(c, member);
        }
        Optional<ProgrammeRule> rule = ruleOf.apply(c);
        if (rule.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> refusal = assessor.refusal(rule.get(), member);
        if (refusal.isPresent() || c.amount == null || !Set.of("SPRING_FESTIVAL", "HONOUR_ALLOWANCE").contains(c.programmeCode)) {
            return refusal;
        }
        // paid by title level: a title revoked (or conferred) since the assessment changes the amount due
        String assessed = explanationOf(c).path("inputs").path("honourLevel").asText(null);
        String now = assessor.levelFor(rule.get(), member).orElse(null);
        return assessed == null || assessed.equals(now) ? Optional.empty()
                : Optional.of(CaseReasons.levelChanged(assessed, now));
    }

    /**
     * An award rests on its conferral, not on a programme rule: it falls with the title it was conferred with (once
     * the member's record holds that title, revoked).
     */
    private static Optional<String> awardRefusal(CareCase c, CareMember member) {
        if (member.isDeceased()) {
            return Optional.of(MemberReasons.deceased(member.deceasedOn));
        }
        JsonNode in = explanationOf(c).path("inputs");
        String title = in.path("title").asText("");
        int year = in.path("year").asInt();
        List<CareMember.Honour> same = member.honourList().stream()
                .filter(h -> title.equals(h.title()) && h.year() == year).toList();
        return !same.isEmpty() && same.stream().allMatch(CareMember.Honour::isRevoked)
                ? Optional.of(CaseReasons.awardTitleRevoked(title, year)) : Optional.empty();
    }

    @Transactional
    public CareCase reject(CareCase c, String reason, String actor) {
        requireState(c, "reject", "APPLIED", "PENDING_APPROVAL", "HELD");
        c.state = "REJECTED";
        c.decisionReason = reason.strip();
        c.rejectedBy = actor;
        c.rejectedAt = c.updatedAt = Instant.now();
        return c;
    }

    /** Why a payment cannot be recorded for the case now, or empty. */
    public Optional<String> paymentRefusal(CareCase c) {
        // held after its approval (a death or move arrived once the bank file had gone out): the bank's answer is
        // still recorded, so money paid is on record
        boolean heldAfterApproval = "HELD".equals(c.state) && c.approvedAt != null;
        if (!Set.of("APPROVED", "PAYMENT_FAILED").contains(c.state) && !heldAfterApproval) {
            return Optional.of("case is " + c.state);
        }
        if (Payment.count("programmeCode = ?1 and beneficiaryIndex = ?2 and period = ?3 and outcome = 'PAID'",
                c.programmeCode, c.beneficiaryIndex, c.period) > 0) {
            return Optional.of("already paid");
        }
        return Optional.empty();
    }

    /** Records a bank outcome; the payment table admits one PAID row per person, programme and period. */
    @Transactional
    public Payment recordPayment(CareCase c, boolean paid, String bankReference, LocalDate paidOn, String failureReason,
            String actor) {
        paymentRefusal(c).ifPresent(reason -> {
            throw ProblemException.conflict("payment-refused", c.state, reason);
        });
        if (paid && paidOnRefusal(c, paidOn).isPresent()) {
            throw ProblemException.invalidField("paidOn", "care.paid-on-range");
        }
        return pay(c, paid, bankReference, paidOn, failureReason, actor);
    }

    /** Records a bank outcome, or says why it cannot be (a bulk result reports refusals per line). */
    @Transactional
    public Optional<String> recordPaymentUnlessRefused(CareCase c, boolean paid, String bankReference, LocalDate paidOn,
            String failureReason, String actor) {
        Optional<String> refusal = paymentRefusal(c).or(() -> paid ? paidOnRefusal(c, paidOn) : Optional.empty());
        if (refusal.isEmpty()) {
            pay(c, paid, bankReference, paidOn, failureReason, actor);
        }
        return refusal;
    }

    /** A payment is made between the case's approval and today (China time), never before or ahead. */
    private static Optional<String> paidOnRefusal(CareCase c, LocalDate paidOn) {
        LocalDate approvedOn = c.approvedAt == null ? null : c.approvedAt.atZone(ChinaTime.ZONE).toLocalDate();
        if (paidOn == null || !paidOn.isAfter(ChinaTime.today()) && (approvedOn == null || !paidOn.isBefore(approvedOn))) {
            return Optional.empty();
        }
        return Optional.of("paid on " + paidOn + ", outside " + approvedOn + " (approval) to " + ChinaTime.today()
                + " / 付款日期不在批准日至今天之间");
    }

    private Payment pay(CareCase c, boolean paid, String bankReference, LocalDate paidOn, String failureReason,
            String actor) {
        Payment p = new Payment();
        p.id = UUID.randomUUID();
        p.caseId = c.id;
        p.programmeCode = c.programmeCode;
        p.beneficiaryIndex = c.beneficiaryIndex;
        p.period = c.period;
        p.amount = c.amount;
        p.outcome = paid ? "PAID" : "FAILED";
        p.bankReference = bankReference;
        p.paidOn = paid ? (paidOn == null ? ChinaTime.today() : paidOn) : null;
        p.failureReason = paid ? null : failureReason;
        p.recordedBy = actor;
        p.recordedAt = Instant.now();
        try {
            p.persistAndFlush();
        } catch (PersistenceException e) {
            if (!UniqueViolations.isViolationOf(e, "payment_once")) {
                throw e;
            }
            throw ProblemException.conflict("payment-refused", c.state, "already paid");
        }
        if (paid || !"HELD".equals(c.state)) { // a held case the bank did not pay stays held, not payable again
            c.state = paid ? "PAID" : "PAYMENT_FAILED";
            c.decisionReason = paid ? null : failureReason;
        }
        c.updatedAt = Instant.now();
        events.paymentRecorded(c, p);
        return p;
    }

    /**
     * Holds the member's open cases for which {@code reason} gives a reason (empty: leave it). Read without
     * flushing first: a member event batch's changes so far (hundreds of members) would be dirty-checked for every
     * event, most of the batch's time. The batch creates no case, and a case it held already is the instance in
     * memory, skipped by its state there.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int hold(CareMember member, Function<CareCase, Optional<String>> reason) {
        int held = 0;
        // an award conferred before its winner was a member carries no member id: found by the person's index
        List<CareCase> open = CareCase.getEntityManager().createQuery("from CareCase where (memberId = ?1 or "
                        + "(programmeCode = 'CRAFTSMAN_AWARD' and memberId is null and beneficiaryIndex = ?3)) "
                        + "and state in ?2", CareCase.class)
                .setParameter(1, member.memberId).setParameter(2, CareCase.OPEN)
                .setParameter(3, member.nationalIdIndex).setFlushMode(FlushModeType.COMMIT)
                .getResultList();
        for (CareCase c : open) {
            if (!CareCase.OPEN.contains(c.state)) {
                continue;
            }
            Optional<String> why = reason.apply(c);
            if (why.isPresent()) {
                c.state = "HELD";
                c.decisionReason = why.get();
                c.updatedAt = Instant.now();
                held++;
            }
        }
        return held;
    }

    private Optional<CareMember> holderOf(CareCase c) {
        UUID holder = c.isSpouseCase() ? c.relatedMemberId : c.memberId;
        return holder == null ? Optional.empty() : CareMember.findByIdOptional(holder);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The case's explanation as JSON; a missing node when it has none or it cannot be read. */
    private static JsonNode explanationOf(CareCase c) {
        try {
            return c.explanation == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                    : JSON.readTree(c.explanation);
        } catch (java.io.IOException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static BigDecimal explanationAmount(CareCase c, String input) {
        JsonNode value = explanationOf(c).path("inputs").path(input);
        try {
            return value.isTextual() || value.isNumber() ? new BigDecimal(value.asText()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Integer ruleVersion(CareCase c) {
        JsonNode version = explanationOf(c).path("ruleVersion");
        return version.isInt() ? version.asInt() : null;
    }

    private static void requireOtherPerson(CareCase c, String actor) {
        if (actor.equals(c.createdBy) || actor.equals(c.assessedBy)) {
            throw new ProblemException(403, "four-eyes");
        }
    }

    static void requireState(CareCase c, String action, String... allowed) {
        if (!List.of(allowed).contains(c.state)) {
            throw ProblemException.conflict("case-illegal-transition", action, c.state);
        }
    }
}
