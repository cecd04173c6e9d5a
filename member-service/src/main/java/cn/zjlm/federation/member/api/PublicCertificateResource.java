package cn.zjlm.federation.member.api;

import cn.zjlm.federation.commons.audit.AuditTrail;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.pii.Masking;
import cn.zjlm.federation.member.certificates.Certificate;
import cn.zjlm.federation.member.domain.Association;
import cn.zjlm.federation.member.domain.Member;
import cn.zjlm.federation.member.domain.MemberHonour;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public verification of certificates (the target of their QR codes); no login. */
@Path("/api/v1/public/certificates")
@Tag(name = "Certificates 劳模证明")
@Produces(MediaType.APPLICATION_JSON)
public class PublicCertificateResource {
    @Inject
    AuditTrail audit;

    /** What a verifier learns, and nothing more. */
    public record Verification(boolean valid, String status, String maskedName, String honour, String level,
            int year, String issuedBy, Instant issuedAt) {
    }

    @GET
    @Path("{code}")
    @PermitAll
    // A failed verification is logged too: the 404 must not roll the audit record back.
    @Transactional(dontRollbackOn = ProblemException.class)
    @Operation(summary = "Verify a certificate by its code (no login)",
            description = "Returns only what a verifier needs: masked name, honour, level, year, and whether the "
                    + "certificate is valid or revoked. Every verification is logged.")
    public Verification verify(@PathParam("code") String code) {
        String normalized = code == null ? "" : code.strip().toUpperCase();
        Certificate c = normalized.matches("[2-9A-Z]{12}")
                ? Certificate.<Certificate>find("verificationCode", normalized).firstResult() : null;
        audit.record("CERTIFICATE_VERIFIED", "certificate/" + (c == null ? "?" : c.id), c == null ? "NOT_FOUND"
                : "FOUND", null);
        if (c == null) {
            throw ProblemException.notFound("certificate");
        }
        Member m = Member.findById(c.memberId);
        MemberHonour h = MemberHonour.findById(c.honourId);
        String status = h.isRevoked() ? "HONOUR_REVOKED" : c.revokedAt != null ? "REVOKED" : "VALID";
        return new Verification("VALID".equals(status), status, Masking.name(m.name), h.title, h.level.name(), h.year,
                ((Association) Association.findById(m.associationCode)).name, c.issuedAt);
    }

}
