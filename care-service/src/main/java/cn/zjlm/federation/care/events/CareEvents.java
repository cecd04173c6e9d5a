package cn.zjlm.federation.care.events;

import cn.zjlm.federation.care.domain.Budget;
import cn.zjlm.federation.care.domain.CareCase;
import cn.zjlm.federation.care.domain.Entitlements;
import cn.zjlm.federation.care.domain.Payment;
import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.commons.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** Care events (docs/events/EntitlementApproved, PaymentRecorded, BudgetExhausted), through the outbox. */
@ApplicationScoped
public class CareEvents {
    @Inject
    Outbox outbox;

    public record EntitlementApproved(UUID caseId, String programmeCode, String associationCode, UUID memberId,
            String beneficiaryKind, String beneficiaryIndex, String period, int year, String amount,
            Integer ruleVersion, String approvedBy, UUID cycleId, Long budgetId) {
    }

    public record PaymentRecorded(UUID paymentId, UUID caseId, String programmeCode, String associationCode,
            UUID memberId, String beneficiaryIndex, String period, String amount, String outcome, LocalDate paidOn,
            String failureReason) {
    }

    public record BudgetExhausted(Long budgetId, String associationCode, String programmeCode, int year,
            String amount, String committed, String requested, String remaining) {
    }

    /** Contract: CNY as a string exact to the fen, e.g. "12500.00". */
    static String money(BigDecimal amount) {
        return Entitlements.fen(amount).toPlainString();
    }

    public void approved(CareCase c, Integer ruleVersion) {
        outbox.publish(EventTopics.CARE, "EntitlementApproved", c.id.toString(), c.associationCode,
                new EntitlementApproved(c.id, c.programmeCode, c.associationCode, c.memberId, c.beneficiaryKind,
                        c.beneficiaryIndex, c.period, c.year, money(c.amount), ruleVersion, c.approvedBy,
                        c.cycleId, c.budgetId));
    }

    public void paymentRecorded(CareCase c, Payment p) {
        outbox.publish(EventTopics.CARE, "PaymentRecorded", c.id.toString(), c.associationCode,
                new PaymentRecorded(p.id, c.id, c.programmeCode, c.associationCode, c.memberId, c.beneficiaryIndex,
                        c.period, money(p.amount), p.outcome, p.paidOn, p.failureReason));
    }

    public void budgetExhausted(Budget b, BigDecimal committed, BigDecimal requested) {
        outbox.publish(EventTopics.CARE, "BudgetExhausted", "budget-" + b.id, b.associationCode,
                new BudgetExhausted(b.id, b.associationCode, b.programmeCode, b.year, money(b.amount),
                        money(committed), requested == null ? null : money(requested),
                        money(b.amount.subtract(committed))));
    }
}
