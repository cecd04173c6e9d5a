package cn.zjlm.federation.care.domain;

import cn.zjlm.federation.care.events.CareEvents;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.identity.AssociationCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Yearly budgets per association and programme. A case draws on the nearest budget at or above its
 * association; approvals take the budget's row lock, so concurrent approvals cannot overspend it.
 */
@ApplicationScoped
public class Budgets {
    @Inject
    CareEvents events;

    /** 409 with the numbers: the budget cannot cover what is being approved. */
    public static class BudgetExceeded extends ProblemException {
        final long budgetId;
        final BigDecimal committed;
        final BigDecimal requested;

        BudgetExceeded(Budget b, BigDecimal committed, BigDecimal requested) {
            super(409, "budget-exceeded", b.associationCode, b.programmeCode, b.year, b.amount.toPlainString(),
                    committed.toPlainString(), requested.toPlainString(), b.amount.subtract(committed).toPlainString());
            this.budgetId = b.id;
            this.committed = committed;
            this.requested = requested;
        }
    }

    public Optional<Budget> nearest(String programme, int year, String associationCode) {
        List<String> chain = AssociationCode.lineage(associationCode);
        return Budget.<Budget>list("programmeCode = ?1 and year = ?2 and associationCode in ?3", programme, year, chain)
                .stream().min(Comparator.comparingInt(b -> chain.indexOf(b.associationCode)));
    }

    /**
     * Draws the cases' amounts on their budgets, all or nothing, in the caller's transaction and
     * before any case changes. A budget brought to zero is marked exhausted and announced.
     */
    public void draw(List<CareCase> cases) {
        Map<Long, List<CareCase>> byBudget = new LinkedHashMap<>();
        Map<Long, Budget> budgets = new HashMap<>();
        Map<String, Optional<Budget>> nearestByKey = new HashMap<>(); // a cycle's lines share a few associations
        for (CareCase c : cases) {
            Budget b = nearestByKey.computeIfAbsent(c.programmeCode + "/" + c.year + "/" + c.associationCode,
                    k -> nearest(c.programmeCode, c.year, c.associationCode)).orElseThrow(
                    () -> ProblemException.conflict("budget-missing", c.programmeCode, c.year, c.associationCode));
            budgets.put(b.id, b);
            byBudget.computeIfAbsent(b.id, k -> new ArrayList<>()).add(c);
        }
        Map<Long, BigDecimal> committedAfter = new HashMap<>();
        for (Long id : byBudget.keySet().stream().sorted().toList()) {
            Budget b = Budget.findById(id, LockModeType.PESSIMISTIC_WRITE);
            BigDecimal committed = committed(b.id);
            BigDecimal requested = byBudget.get(id).stream().map(c -> c.amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (committed.add(requested).compareTo(b.amount) > 0) {
                throw new BudgetExceeded(b, committed, requested);
            }
            committedAfter.put(id, committed.add(requested));
        }
        byBudget.forEach((id, list) -> list.forEach(c -> c.budgetId = id));
        committedAfter.forEach((id, committed) -> {
            Budget b = budgets.get(id);
            if (committed.compareTo(b.amount) == 0 && b.exhaustedAt == null) {
                b.exhaustedAt = Instant.now();
                events.budgetExhausted(b, committed, null);
            }
        });
    }

    /** Runs an approval; when the budget refused it, records and announces the exhaustion once, then rethrows. */
    public <T> T recordingExhaustion(Supplier<T> approval) {
        try {
            return approval.get();
        } catch (BudgetExceeded e) {
            markExhausted(e.budgetId, e.committed, e.requested);
            throw e;
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void markExhausted(long budgetId, BigDecimal committed, BigDecimal requested) {
        Budget b = Budget.findById(budgetId, LockModeType.PESSIMISTIC_WRITE);
        if (b != null && b.exhaustedAt == null) {
            b.exhaustedAt = Instant.now();
            events.budgetExhausted(b, committed, requested);
        }
    }

    public BigDecimal committed(long budgetId) {
        return CareCase.find("select coalesce(sum(amount), 0) from CareCase where budgetId = ?1 and state in ?2",
                budgetId, CareCase.COMMITTED).project(BigDecimal.class).firstResult();
    }

    /** Planned (awaiting approval), approved (not yet paid), paid and remaining, per budget in scope. */
    public record Report(Long id, String associationCode, String programmeCode, int year, BigDecimal amount,
            BigDecimal planned, BigDecimal approved, BigDecimal paid, BigDecimal remaining, Instant exhaustedAt,
            long version) {
    }

    public Report reportOf(Budget b) {
        return summarise(List.of(b), AssociationCode.scopePattern(b.associationCode), b.year).get(0);
    }

    public List<Report> report(String scopePattern, int year, String programme) {
        List<Budget> list = programme == null
                ? Budget.list("associationCode like ?1 and year = ?2 order by associationCode, programmeCode",
                        scopePattern, year)
                : Budget.list("associationCode like ?1 and year = ?2 and programmeCode = ?3 order by associationCode",
                        scopePattern, year, programme);
        return list.isEmpty() ? List.of() : summarise(list, scopePattern, year);
    }

    /** The report lines of the budgets; pending cases are looked for under {@code scopePattern}. */
    private List<Report> summarise(List<Budget> list, String scopePattern, int year) {
        Map<String, Budget> byKey = new HashMap<>();
        list.forEach(b -> byKey.put(b.programmeCode + "/" + b.associationCode, b));
        Map<Long, BigDecimal> approved = new HashMap<>();
        Map<Long, BigDecimal> paid = new HashMap<>();
        List<Object[]> drawn = CareCase.find("select budgetId, state, sum(amount) from CareCase where budgetId in ?1 "
                + "and state in ?2 group by budgetId, state", list.stream().map(b -> b.id).toList(), CareCase.COMMITTED)
                .project(Object[].class).list();
        for (Object[] row : drawn) {
            (("PAID".equals(row[1])) ? paid : approved).merge((Long) row[0], (BigDecimal) row[2], BigDecimal::add);
        }
        Map<Long, BigDecimal> planned = new HashMap<>();
        List<Object[]> pending = CareCase.find("select associationCode, programmeCode, sum(amount) from CareCase "
                + "where state = 'PENDING_APPROVAL' and year = ?1 and associationCode like ?2 "
                + "group by associationCode, programmeCode", year, scopePattern).project(Object[].class).list();
        for (Object[] row : pending) {
            for (String code : AssociationCode.lineage((String) row[0])) {
                Budget b = byKey.get(row[1] + "/" + code);
                if (b != null) {
                    planned.merge(b.id, (BigDecimal) row[2], BigDecimal::add);
                    break;
                }
            }
        }
        return list.stream().map(b -> {
            BigDecimal a = approved.getOrDefault(b.id, BigDecimal.ZERO);
            BigDecimal p = paid.getOrDefault(b.id, BigDecimal.ZERO);
            return new Report(b.id, b.associationCode, b.programmeCode, b.year, b.amount,
                    planned.getOrDefault(b.id, BigDecimal.ZERO), a, p, b.amount.subtract(a).subtract(p), b.exhaustedAt,
                    b.version);
        }).toList();
    }
}
