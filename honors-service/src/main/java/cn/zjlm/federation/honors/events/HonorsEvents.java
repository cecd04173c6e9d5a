package cn.zjlm.federation.honors.events;

import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.commons.outbox.Outbox;
import cn.zjlm.federation.honors.domain.Campaign;
import cn.zjlm.federation.honors.domain.HonourType;
import cn.zjlm.federation.honors.domain.Nomination;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Nomination events on federation.honors.events.v1, keyed by nomination id so each nomination's
 * events stay in order. No clear sensitive values: a new nominee's ID number travels encrypted
 * under the platform PII key, with its blind index. Schemas: docs/events/.
 */
@ApplicationScoped
public class HonorsEvents {
    public static final String SUBMITTED = "NominationSubmitted";
    public static final String NOTICE_STARTED = "PublicNoticeStarted";
    public static final String APPROVED = "NominationApproved";
    public static final String REJECTED = "NominationRejected";
    public static final String RETURNED = "NominationReturned";
    public static final String WITHDRAWN = "NominationWithdrawn";
    public static final String CONFERRED = "HonorConferred";
    /** A unit or team: member-service and care-service, which deal with people, do not consume it. */
    public static final String COLLECTIVE_CONFERRED = "CollectiveHonorConferred";

    @Inject
    Outbox outbox;

    public void submitted(Campaign c, Nomination n, String submittedBy) {
        publish(SUBMITTED, n, new Submitted(Ref.of(c, n), n.reviewLevel.name(), submittedBy));
    }

    public void noticeStarted(Campaign c, Nomination n) {
        publish(NOTICE_STARTED, n, new NoticeStarted(Ref.of(c, n), n.employer, n.noticeStarts, n.noticeEnds));
    }

    public void approved(Campaign c, Nomination n, String approvedBy) {
        publish(APPROVED, n, new Approved(Ref.of(c, n), approvedBy));
    }

    public void rejected(Campaign c, Nomination n, String level, String reason, String rejectedBy) {
        publish(REJECTED, n, new Rejected(Ref.of(c, n), level, reason, rejectedBy));
    }

    public void returned(Campaign c, Nomination n, String level, String reason, String returnedBy) {
        publish(RETURNED, n, new Returned(Ref.of(c, n), level, reason, returnedBy));
    }

    public void withdrawn(Campaign c, Nomination n, String fromState, String reason, String withdrawnBy) {
        publish(WITHDRAWN, n, new Withdrawn(Ref.of(c, n), fromState, reason, withdrawnBy));
    }

    public void conferred(Campaign c, HonourType type, Nomination n) {
        UUID conferralId = UUID.nameUUIDFromBytes(("conferral:" + n.id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (n.isCollective()) {
            publish(COLLECTIVE_CONFERRED, n, new CollectiveConferred(conferralId, n.id, c.id, type.code, type.category,
                    type.level, type.name, type.conferringBody, c.year, n.certificateNumber,
                    c.awardAmount == null ? null : c.awardAmount.setScale(2).toPlainString(), n.associationCode,
                    new Recipient(n.nomineeKind, n.nomineeName, n.employer, n.employerCreditCode)));
            return;
        }
        Nominee nominee = new Nominee(n.memberId, n.nomineeIdIndex, n.nomineeIdCipher, n.nomineeName, n.nomineeGender,
                n.nomineeBirthDate, n.nomineePhoneCipher, n.employer, n.employerCreditCode, n.sector, n.occupation);
        publish(CONFERRED, n, new Conferred(conferralId, n.id, c.id,
                type.code, type.category, type.level, type.name, type.conferringBody, c.year, n.certificateNumber,
                false,
                c.awardAmount == null ? null : c.awardAmount.setScale(2).toPlainString(), n.associationCode, nominee));
    }

    private void publish(String type, Nomination n, Object data) {
        outbox.publish(EventTopics.HONORS, type, n.id.toString(), n.associationCode, data);
    }

    /** What every nomination event says about the nomination. */
    public record Ref(UUID nominationId, UUID campaignId, String honourType, int year, String associationCode,
            String nomineeKind, UUID memberId, String nomineeName) {
        static Ref of(Campaign c, Nomination n) {
            return new Ref(n.id, c.id, c.honourType, c.year, n.associationCode, n.nomineeKind, n.memberId,
                    n.nomineeName);
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Submitted(@JsonUnwrapped Ref nomination, String reviewLevel, String submittedBy) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record NoticeStarted(@JsonUnwrapped Ref nomination, String employer, LocalDate noticeStarts,
            LocalDate noticeEnds) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Approved(@JsonUnwrapped Ref nomination, String approvedBy) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Rejected(@JsonUnwrapped Ref nomination, String level, String reason, String rejectedBy) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Returned(@JsonUnwrapped Ref nomination, String level, String reason, String returnedBy) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Withdrawn(@JsonUnwrapped Ref nomination, String fromState, String reason, String withdrawnBy) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Conferred(UUID conferralId, UUID nominationId, UUID campaignId, String honourType, String category,
            String level, String title, String conferringBody, int year, String certificateNumber,
            boolean nationalTreatment, String awardAmount, String associationCode, Nominee nominee) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CollectiveConferred(UUID conferralId, UUID nominationId, UUID campaignId, String honourType,
            String category, String level, String title, String conferringBody, int year, String certificateNumber,
            String awardAmount, String associationCode, Recipient recipient) {
    }

    /** The unit or team, and the unit (for a unit, itself) with its GB 32100 code. */
    public record Recipient(String kind, String name, String unit, String creditCode) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Nominee(UUID memberId, String nationalIdIndex, String nationalIdCipher, String name, String gender,
            LocalDate birthDate, String phoneCipher, String employer, String employerCreditCode, String sector,
            String occupation) {
    }
}
