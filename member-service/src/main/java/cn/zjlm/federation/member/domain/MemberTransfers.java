package cn.zjlm.federation.member.domain;

import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.security.AssociationScope;
import cn.zjlm.federation.member.events.MemberEvents;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Transfers (转移): the member's association requests, the target association (or any association
 * above it, such as a common parent) accepts or rejects. The member's scope moves on acceptance;
 * both sides keep the transfer and the member's history.
 */
@ApplicationScoped
public class MemberTransfers {
    @Inject
    MemberRegistry registry;

    @Inject
    MemberEvents events;

    @Transactional
    public MemberTransfer request(UUID memberId, String toAssociation, String reason, AssociationScope scope,
            String actor) {
        Member m = registry.find(memberId, scope).orElseThrow(() -> ProblemException.notFound("member"));
        if (Association.findById(toAssociation) == null) {
            throw ProblemException.invalidField("toAssociation", "association-code.unknown");
        }
        if (toAssociation.equals(m.associationCode)) {
            throw ProblemException.invalidField("toAssociation", "transfer.same-association");
        }
        if (m.status == MemberStatus.DECEASED) {
            throw ProblemException.conflict("transfer-of-deceased");
        }
        if (MemberTransfer.count("memberId = ?1 and status = ?2", memberId, TransferStatus.REQUESTED) > 0) {
            throw ProblemException.conflict("transfer-already-open");
        }
        MemberTransfer t = new MemberTransfer();
        t.id = UUID.randomUUID();
        t.memberId = memberId;
        t.fromAssociation = m.associationCode;
        t.toAssociation = toAssociation;
        t.reason = reason.strip();
        t.status = TransferStatus.REQUESTED;
        t.requestedAt = Instant.now();
        t.requestedBy = actor;
        t.persist();
        MemberHistory.record(memberId, "TRANSFER_REQUESTED", "associationCode", t.fromAssociation, toAssociation,
                actor, t.requestedAt);
        return t;
    }

    /** Accepts (moves the member) or rejects; only an association covering the target may decide. */
    @Transactional
    public MemberTransfer decide(UUID transferId, boolean accept, String note, AssociationScope scope, String actor) {
        MemberTransfer t = MemberTransfer.<MemberTransfer>find("id = ?1 and toAssociation like ?2", transferId,
                scope.likePattern()).firstResultOptional().orElseThrow(() -> ProblemException.notFound("transfer"));
        requireOpen(t);
        Instant now = Instant.now();
        t.status = accept ? TransferStatus.ACCEPTED : TransferStatus.REJECTED;
        t.decidedAt = now;
        t.decidedBy = actor;
        t.decisionNote = note;
        Member m = Member.findById(t.memberId);
        if (accept) {
            if (m.status == MemberStatus.DECEASED) { // transfers left open at a death are closed by it; older ones too
                throw ProblemException.conflict("member-already-deceased");
            }
            if (!m.associationCode.equals(t.fromAssociation)) {
                throw ProblemException.conflict("transfer-stale", t.fromAssociation, m.associationCode);
            }
            MemberHistory.record(m.id, "TRANSFERRED", "associationCode", m.associationCode, t.toAssociation, actor,
                    now);
            m.associationCode = t.toAssociation;
            m.updatedAt = now;
            m.updatedBy = actor;
            m.persistAndFlush();
            events.transferred(m, t);
        } else {
            MemberHistory.record(m.id, "TRANSFER_REJECTED", "associationCode", t.toAssociation, t.fromAssociation,
                    actor, now);
        }
        return t;
    }

    /** The requesting side withdraws an open transfer. */
    @Transactional
    public MemberTransfer cancel(UUID transferId, AssociationScope scope, String actor) {
        MemberTransfer t = MemberTransfer.<MemberTransfer>find("id = ?1 and fromAssociation like ?2", transferId,
                scope.likePattern()).firstResultOptional().orElseThrow(() -> ProblemException.notFound("transfer"));
        requireOpen(t);
        t.status = TransferStatus.CANCELLED;
        t.decidedAt = Instant.now();
        t.decidedBy = actor;
        MemberHistory.record(t.memberId, "TRANSFER_CANCELLED", "associationCode", t.toAssociation,
                t.fromAssociation, actor, t.decidedAt);
        return t;
    }

    /** A death closes the member's open transfer, in the death's transaction: no one moves a member who died. */
    static void closeOnDeath(Member m, String actor, Instant at) {
        for (MemberTransfer t : MemberTransfer.<MemberTransfer>list("memberId = ?1 and status = ?2", m.id,
                TransferStatus.REQUESTED)) {
            t.status = TransferStatus.CANCELLED;
            t.decidedAt = at;
            t.decidedBy = actor;
            t.decisionNote = "会员已故 / the member died";
            MemberHistory.record(m.id, "TRANSFER_CANCELLED", "associationCode", t.toAssociation, t.fromAssociation,
                    actor, at);
        }
    }

    /** Transfers where the caller's scope is the source (outgoing) or the target (incoming). */
    public List<MemberTransfer> list(boolean incoming, TransferStatus status, AssociationScope scope) {
        String side = incoming ? "toAssociation" : "fromAssociation";
        return status == null
                ? MemberTransfer.list(side + " like ?1", Sort.descending("requestedAt"), scope.likePattern())
                : MemberTransfer.list(side + " like ?1 and status = ?2", Sort.descending("requestedAt"),
                        scope.likePattern(), status);
    }

    /** A transfer visible from either side. */
    public MemberTransfer find(UUID transferId, AssociationScope scope) {
        return MemberTransfer.<MemberTransfer>find("id = ?1 and (toAssociation like ?2 or fromAssociation like ?2)",
                transferId, scope.likePattern()).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("transfer"));
    }

    private static void requireOpen(MemberTransfer t) {
        if (t.status != TransferStatus.REQUESTED) {
            throw ProblemException.conflict("transfer-closed", t.status);
        }
    }
}
