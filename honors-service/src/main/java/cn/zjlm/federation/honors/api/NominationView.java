package cn.zjlm.federation.honors.api;

import cn.zjlm.federation.commons.pii.Masking;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.honors.domain.Nomination;
import cn.zjlm.federation.honors.domain.NominationState;
import cn.zjlm.federation.honors.domain.NominationStep;
import cn.zjlm.federation.honors.domain.Objection;
import cn.zjlm.federation.honors.domain.ReviewLevel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A nomination as staff see it: the nominee's identity never in clear, with its steps and objections. */
public record NominationView(UUID id, UUID campaignId, String associationCode, String nomineeKind, UUID memberId,
        String nomineeName,
        String nomineeGender, LocalDate nomineeBirthDate, boolean newPerson, String employer,
        String employerCreditCode, String sector, String occupation, String deeds, NominationState state,
        ReviewLevel reviewLevel, LocalDate noticeStarts, LocalDate noticeEnds, String certificateNumber,
        LocalDate conferredOn, String createdBy, Instant createdAt, Instant updatedAt, long version,
        List<StepView> steps, List<ObjectionView> objections) {

    public record StepView(String action, String level, String actor, String actorAssociation, String opinion,
            String fromState, String toState, Instant at) {
    }

    /**
     * The filer's name and masked phone are shown only to those who rule on the objection and must contact them;
     * to anyone else (the nominating side above all) both are null.
     */
    public record ObjectionView(UUID id, String contactName, String contactPhoneMasked, String content, String status,
            String findings, String resolvedBy, Instant filedAt, Instant resolvedAt) {
        public static ObjectionView of(Objection o, PiiCipher cipher) {
            return of(o, cipher, true);
        }

        static ObjectionView of(Objection o, PiiCipher cipher, boolean filer) {
            return new ObjectionView(o.id, filer ? o.contactName : null,
                    filer ? Masking.phone(cipher.decrypt(o.contactPhoneCipher)) : null, o.content, o.status,
                    o.findings, o.resolvedBy, o.filedAt, o.resolvedAt);
        }
    }

    public static NominationView summary(Nomination n) {
        return of(n, null, null);
    }

    /** With steps and objections; {@code cipher} null leaves both out (lists). */
    public static NominationView of(Nomination n, List<NominationStep> steps, PiiCipher cipher) {
        return of(n, steps, cipher, true);
    }

    /** As above; {@code filers} false leaves out who filed each objection. */
    public static NominationView of(Nomination n, List<NominationStep> steps, PiiCipher cipher, boolean filers) {
        List<StepView> stepViews = steps == null ? null : steps.stream().map(s -> new StepView(s.action, s.level,
                s.actor, s.actorAssociation, s.opinion, s.fromState, s.toState, s.at)).toList();
        List<ObjectionView> objections = cipher == null ? null
                : Objection.<Objection>list("nominationId = ?1 order by filedAt", n.id).stream()
                        .map(o -> ObjectionView.of(o, cipher, filers)).toList();
        return new NominationView(n.id, n.campaignId, n.associationCode, n.nomineeKind, n.memberId, n.nomineeName,
                n.nomineeGender, n.nomineeBirthDate, n.memberId == null && !n.isCollective(), n.employer, n.employerCreditCode, n.sector, n.occupation,
                n.deeds, n.state, n.reviewLevel, n.noticeStarts, n.noticeEnds, n.certificateNumber, n.conferredOn,
                n.createdBy, n.createdAt, n.updatedAt, n.version, stepViews, objections);
    }
}
