package cn.zjlm.federation.care.domain;

import cn.zjlm.federation.commons.time.ChinaTime;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.identity.AssociationCode;
import cn.zjlm.federation.commons.persistence.CopyIn;
import cn.zjlm.federation.commons.persistence.EntityCopy;
import cn.zjlm.federation.commons.persistence.ReadAhead;
import cn.zjlm.federation.commons.persistence.TimeOrderedIds;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Payment cycles: the entitlements of one programme period for every eligible member of an
 * association subtree, generated in one go (a re-run adds only the newly eligible), approved
 * together with eligibility re-checked, then paid line by line.
 */
@ApplicationScoped
public class Cycles {
    private static final Logger LOG = Logger.getLogger(Cycles.class);

    @Inject
    Assessor assessor;

    @Inject
    Budgets budgets;

    @Inject
    CaseService cases;

    public record Generation(int added, int alreadyPresent, int ineligible) {
    }

    public record Line(UUID caseId, String name, String associationCode, String reason) {
    }

    public record Approval(int approved, BigDecimal approvedAmount, List<Line> dropped, List<Line> held) {
    }

    @Transactional
    public PaymentCycle open(String programme, String period, String associationCode, String actor) {
        if (!CaseService.BY_LEVEL.contains(programme)) {
            throw ProblemException.invalidField("programme", "care.cycle-programme");
        }
        if (PaymentCycle.count("programmeCode = ?1 and associationCode = ?2 and period = ?3", programme,
                associationCode, period) > 0) {
            throw ProblemException.conflict("cycle-exists", programme, associationCode, period);
        }
        PaymentCycle cycle = new PaymentCycle();
        cycle.id = UUID.randomUUID();
        cycle.programmeCode = programme;
        cycle.associationCode = associationCode;
        cycle.period = period;
        cycle.year = Integer.parseInt(period.substring(0, 4));
        cycle.createdBy = actor;
        cycle.createdAt = cycle.lastGeneratedAt = Instant.now();
        cycle.persist();
        return cycle;
    }


    /** Members fetched per round trip while the subtree is read. */
    @ConfigProperty(name = "federation.care.cycle.fetch-size", defaultValue = "1000")
    int fetchSize;

    /** Characters of lines sent to PostgreSQL at a time (tests send each line as it is assessed). */
    @ConfigProperty(name = "federation.care.cycle.copy-chunk", defaultValue = "" + CopyIn.STREAM_CHUNK)
    int copyChunk;

    @Inject
    AgroalDataSource dataSource;

    /**
     * Adds an assessed case for every eligible member of the subtree who has none for the period yet; each line is
     * assessed as a single case would be. The lines are streamed into one COPY in this transaction while the subtree
     * is read on a connection of its own ({@link ReadAhead}), so reading, assessing and PostgreSQL's inserts overlap
     * (an insert per line made a 100,000-member cycle take 13 s; reading and copying in turns, 7 s). Nothing in the
     * loop may use this transaction's connection until the COPY ends ({@code OpenCopyGuard}); the members read are
     * those committed when the read starts, as a statement of this transaction would see them.
     */
    @Transactional
    public Generation generate(PaymentCycle cycle, String actor) {
        long started = System.nanoTime();
        // a yearly programme's lines skip whoever has that year's case already, whatever its period's label
        boolean yearly = Programme.onceAYear(cycle.programmeCode);
        Set<String> present = new HashSet<>(CareCase.find("select beneficiaryIndex from CareCase where programmeCode = ?1 "
                + "and " + (yearly ? "year = ?2" : "period = ?2") + " and state not in ?3", cycle.programmeCode,
                yearly ? (Object) cycle.year : cycle.period, List.of("REJECTED", "DROPPED"))
                .project(String.class).list());
        // each line's rule is chosen among these in memory: the connection is busy with the COPY until the last line
        List<ProgrammeRule> valid = ProgrammeRule.validOn(cycle.programmeCode, ChinaTime.today());
        Map<String, Optional<ProgrammeRule>> rules = new HashMap<>();
        int already = 0;
        int ineligible = 0;
        Instant now = Instant.now();
        long added;
        try (EntityCopy<CareCase> lines = EntityCopy.streaming(CareCase.getSession(), CareCase.class, copyChunk);
                ReadAhead<CareMember> members = ReadAhead.start(CareCase.getSession().getSessionFactory(), dataSource,
                        CareMember.class, "from CareMember where associationCode like :scope and status <> 'DECEASED' "
                                + "order by memberId",
                        Map.of("scope", AssociationCode.scopePattern(cycle.associationCode)), fetchSize)) {
            for (CareMember m : (Iterable<CareMember>) () -> members) {
                if (present.contains(m.nationalIdIndex)) {
                    already++;
                    continue;
                }
                Optional<ProgrammeRule> rule = rules.computeIfAbsent(m.associationCode,
                        code -> ProgrammeRule.nearest(valid, code));
                if (rule.isEmpty() || assessor.refusal(rule.get(), m).isPresent()) {
                    ineligible++;
                    continue;
                }
                CareCase c = new CareCase();
                c.id = TimeOrderedIds.next();
                c.programmeCode = cycle.programmeCode;
                c.associationCode = m.associationCode;
                c.memberId = m.memberId;
                c.beneficiaryIndex = m.nationalIdIndex;
                c.beneficiaryName = m.name;
                c.period = cycle.period;
                c.year = cycle.year;
                c.cycleId = cycle.id;
                try {
                    assessor.assess(c, rule.get(), m, Assessor.Inputs.NONE);
                } catch (ProblemException notEligible) {
                    if (!"not-eligible".equals(notEligible.code())) {
                        throw notEligible;
                    }
                    // e.g. a level the rule admits but sets no amount for: this member's line, not the whole cycle
                    ineligible++;
                    continue;
                }
                c.state = "PENDING_APPROVAL";
                c.createdBy = c.assessedBy = actor;
                c.createdAt = c.updatedAt = c.assessedAt = now;
                lines.add(c);
                present.add(m.nationalIdIndex);
            }
            added = lines.flush();
        }
        cycle.lastGeneratedAt = now;
        LOG.infof("cycle %s: %d lines added, %d already present, %d ineligible in %d ms", cycle.id, added, already,
                ineligible, (System.nanoTime() - started) / 1_000_000);
        return new Generation((int) added, already, ineligible);
    }

    /**
     * Approves every line awaiting approval, all within budget or none. A line whose person is no
     * longer eligible (died, title revoked, moved away) is dropped with the reason.
     */
    @Transactional
    public Approval approve(PaymentCycle cycle, Long expectedVersion, String actor) {
        cn.zjlm.federation.commons.error.Preconditions.requireVersion(cycle.version, expectedVersion);
        if (actor.equals(cycle.createdBy)) {
            throw new ProblemException(403, "four-eyes");
        }
        List<CareCase> pending = CareCase.<CareCase>find("cycleId = ?1 and state = 'PENDING_APPROVAL' order by id",
                cycle.id).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        preloadMembers(pending);
        Map<String, Optional<ProgrammeRule>> rules = new HashMap<>();
        List<Line> dropped = new ArrayList<>();
        List<CareCase> approvable = new ArrayList<>();
        for (CareCase c : pending) {
            if (actor.equals(c.createdBy) || actor.equals(c.assessedBy)) {
                throw new ProblemException(403, "four-eyes");
            }
            Optional<String> refusal = cases.eligibilityRefusal(c, x -> rules.computeIfAbsent(x.associationCode,
                    code -> ProgrammeRule.applicable(cycle.programmeCode, code, ChinaTime.today())));
            if (refusal.isPresent()) {
                c.state = "DROPPED";
                c.decisionReason = refusal.get();
                c.updatedAt = Instant.now();
                dropped.add(line(c));
            } else {
                approvable.add(c);
            }
        }
        budgets.draw(approvable);
        approvable.forEach(c -> cases.markApproved(c, actor));
        cycle.lastApprovedBy = actor;
        cycle.lastApprovedAt = Instant.now();
        List<Line> held = CareCase.<CareCase>list("cycleId = ?1 and state = 'HELD' order by beneficiaryName", cycle.id)
                .stream().map(Cycles::line).toList();
        return new Approval(approvable.size(), approvable.stream().map(c -> c.amount).reduce(BigDecimal.ZERO,
                BigDecimal::add), dropped, held);
    }

    /** Loads the lines' members in one query, so the per-line eligibility checks hit the session cache. */
    private static void preloadMembers(List<CareCase> lines) {
        List<UUID> ids = lines.stream().map(c -> c.memberId).filter(java.util.Objects::nonNull).distinct().toList();
        for (int i = 0; i < ids.size(); i += 10_000) {
            CareMember.list("memberId in ?1", ids.subList(i, Math.min(ids.size(), i + 10_000)));
        }
    }

    /** Counts and amounts per state, for each of the cycles, in one query. */
    public Map<UUID, Map<String, Summary>> summaries(List<UUID> cycleIds) {
        if (cycleIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = CareCase.find("select cycleId, state, count(*), coalesce(sum(amount), 0) from CareCase "
                + "where cycleId in ?1 group by cycleId, state", cycleIds).project(Object[].class).list();
        return rows.stream().collect(Collectors.groupingBy(r -> (UUID) r[0], Collectors.toMap(r -> (String) r[1],
                r -> new Summary(((Number) r[2]).longValue(), (BigDecimal) r[3]))));
    }

    public record Summary(long count, BigDecimal amount) {
    }

    static Line line(CareCase c) {
        return new Line(c.id, c.beneficiaryName, c.associationCode, c.decisionReason);
    }

    /** Cases of the cycle awaiting payment (approved, or a failed payment to retry), for the bank file. */
    public List<CareCase> payable(UUID cycleId) {
        return CareCase.list("cycleId = ?1 and state in ?2 order by associationCode, beneficiaryName, id", cycleId,
                List.of("APPROVED", "PAYMENT_FAILED"));
    }
}
