package cn.zjlm.federation.member.certificates;

import cn.zjlm.federation.commons.audit.AuditTrail;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.member.domain.Member;
import cn.zjlm.federation.member.domain.MemberHonour;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/** Issues and revokes certificates; the verification code is random and unguessable. */
@ApplicationScoped
public class CertificateService {
    /** No 0/O, 1/I/L: codes are read aloud and typed from paper. */
    private static final String CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private final SecureRandom random = new SecureRandom();

    @Inject
    AuditTrail audit;

    @Transactional
    public Certificate issue(Member member, UUID honourId, String actor) {
        MemberHonour honour = MemberHonour.<MemberHonour>find("id = ?1 and memberId = ?2", honourId, member.id)
                .firstResultOptional().orElseThrow(() -> ProblemException.notFound("honour"));
        if (honour.isRevoked()) {
            throw ProblemException.conflict("honour-already-revoked", honour.revokedOn);
        }
        Certificate c = new Certificate();
        c.id = UUID.randomUUID();
        c.memberId = member.id;
        c.honourId = honour.id;
        c.verificationCode = newCode();
        c.issuedAt = Instant.now();
        c.issuedBy = actor;
        c.persist();
        audit.record("CERTIFICATE_ISSUED", "member/" + member.id + "/certificate/" + c.id, "SUCCESS", honour.title);
        return c;
    }

    @Transactional
    public Certificate revoke(Certificate c, String reason, String actor) {
        if (c.revokedAt != null) {
            throw ProblemException.conflict("certificate-already-revoked");
        }
        c.revokedAt = Instant.now();
        c.revokedBy = actor;
        c.revocationReason = reason;
        audit.record("CERTIFICATE_REVOKED", "member/" + c.memberId + "/certificate/" + c.id, "SUCCESS", null);
        return c;
    }

    /** Revokes every certificate still valid of an honour that was revoked; returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int revokeAllOf(MemberHonour honour, String actor) {
        int revoked = 0;
        for (Certificate c : Certificate.<Certificate>list("honourId = ?1 and revokedAt is null", honour.id)) {
            revoke(c, "称号已撤销 / honour revoked: " + honour.revocationReason, actor);
            revoked++;
        }
        return revoked;
    }

    private String newCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }
}
