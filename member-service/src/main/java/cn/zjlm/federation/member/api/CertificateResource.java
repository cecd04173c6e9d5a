package cn.zjlm.federation.member.api;

import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.pii.Masking;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import cn.zjlm.federation.member.certificates.Certificate;
import cn.zjlm.federation.member.certificates.CertificateRenderer;
import cn.zjlm.federation.member.certificates.CertificateService;
import cn.zjlm.federation.member.domain.Association;
import cn.zjlm.federation.member.domain.Member;
import cn.zjlm.federation.member.domain.MemberHonour;
import cn.zjlm.federation.member.domain.MemberRegistry;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Certificates of honour (劳模证明, "跑零次"): issued by staff or requested by members themselves. */
@Path("/api/v1/members")
@Tag(name = "Certificates 劳模证明")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CertificateResource {
    private static final Map<String, String> LEVELS = Map.of("NATIONAL", "全国", "PROVINCIAL", "省部级", "CITY", "市级",
            "COUNTY", "县级");
    private static final ZoneId CHINA = cn.zjlm.federation.commons.time.ChinaTime.ZONE;

    @Inject
    MemberRegistry registry;

    @Inject
    CertificateService certificates;

    @Inject
    CertificateRenderer renderer;

    @Inject
    Caller caller;

    @Inject
    PiiCipher cipher;

    @Inject
    CertificatesConfig config;

    public record IssueRequest(@NotNull UUID honourId) {
    }

    public record RevokeRequest(@NotBlank @Size(max = 500) String reason) {
    }

    public record CertificateView(UUID id, UUID memberId, UUID honourId, String verificationCode, String verifyUrl,
            Instant issuedAt, String issuedBy, Instant revokedAt, String revocationReason) {
    }

    @POST
    @Path("{id}/certificates")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
    @Operation(summary = "Issue a certificate for one of the member's honours")
    public Response issue(@PathParam("id") UUID memberId, @NotNull @Valid IssueRequest request) {
        Member m = registry.find(memberId, caller.scope()).orElseThrow(() -> ProblemException.notFound("member"));
        return created(certificates.issue(m, request.honourId(), caller.username()));
    }

    @POST
    @Path("me/certificates")
    @RolesAllowed(Roles.MEMBER)
    @Operation(summary = "A member issues their own certificate online (跑零次)")
    public Response issueOwn(@NotNull @Valid IssueRequest request) {
        Member m = caller.accountId().flatMap(registry::findByAccount)
                .orElseThrow(() -> ProblemException.notFound("member"));
        return created(certificates.issue(m, request.honourId(), caller.username()));
    }

    @GET
    @Path("{id}/certificates")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
    @Operation(summary = "Certificates issued for a member")
    public List<CertificateView> list(@PathParam("id") UUID memberId) {
        registry.find(memberId, caller.scope()).orElseThrow(() -> ProblemException.notFound("member"));
        return Certificate.<Certificate>list("memberId = ?1 order by issuedAt", memberId).stream().map(this::view)
                .toList();
    }

    @GET
    @Path("{id}/certificates/{certificateId}/pdf")
    @Produces("application/pdf")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
    @Operation(summary = "The certificate as a PDF (Chinese, embedded font, QR code to the public verification)")
    public Response pdf(@PathParam("id") UUID memberId, @PathParam("certificateId") UUID certificateId) {
        Member m = registry.find(memberId, caller.scope()).orElseThrow(() -> ProblemException.notFound("member"));
        return pdfOf(m, certificateId);
    }

    @GET
    @Path("me/certificates/{certificateId}/pdf")
    @Produces("application/pdf")
    @RolesAllowed(Roles.MEMBER)
    @Operation(summary = "The calling member's own certificate as a PDF")
    public Response ownPdf(@PathParam("certificateId") UUID certificateId) {
        Member m = caller.accountId().flatMap(registry::findByAccount)
                .orElseThrow(() -> ProblemException.notFound("member"));
        return pdfOf(m, certificateId);
    }

    @POST
    @Path("{id}/certificates/{certificateId}/revocation")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN})
    @Operation(summary = "Revoke a certificate; verification then reports it revoked")
    @Transactional
    public CertificateView revoke(@PathParam("id") UUID memberId, @PathParam("certificateId") UUID certificateId,
            @NotNull @Valid RevokeRequest request) {
        registry.find(memberId, caller.scope()).orElseThrow(() -> ProblemException.notFound("member"));
        Certificate c = certificate(memberId, certificateId);
        return view(certificates.revoke(c, request.reason().strip(), caller.username()));
    }

    private Response pdfOf(Member m, UUID certificateId) {
        Certificate c = certificate(m.id, certificateId);
        if (c.revokedAt != null) {
            throw ProblemException.conflict("certificate-already-revoked");
        }
        MemberHonour h = MemberHonour.findById(c.honourId);
        if (h.isRevoked()) { // its certificates are revoked with it; this guards older ones too
            throw ProblemException.conflict("honour-already-revoked", h.revokedOn);
        }
        Association association = Association.findById(m.associationCode);
        String issued = DateTimeFormatter.ofPattern("yyyy年M月d日").format(c.issuedAt.atZone(CHINA));
        String nationalId = Masking.nationalId(cipher.decrypt(m.nationalIdCipher));
        byte[] pdf = renderer.render(new CertificateRenderer.Content("荣 誉 证 明",
                List.of("兹证明 " + m.name + "（身份证号码 " + nationalId + "）于 " + h.year + " 年荣获"
                                + (h.conferringBody == null ? "" : " " + h.conferringBody + " 授予的")
                                + "“" + h.title + "”称号（" + LEVELS.get(h.level.name()) + "）。",
                        "特此证明。"),
                association.name, issued, c.verificationCode, verifyUrl(c)));
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"certificate-" + c.verificationCode + ".pdf\"")
                .build();
    }

    private Certificate certificate(UUID memberId, UUID certificateId) {
        return Certificate.<Certificate>find("id = ?1 and memberId = ?2", certificateId, memberId)
                .firstResultOptional().orElseThrow(() -> ProblemException.notFound("certificate"));
    }

    private Response created(Certificate c) {
        return Response.status(201).entity(view(c)).build();
    }

    private String verifyUrl(Certificate c) {
        return config.verifyBaseUrl() + "/api/v1/public/certificates/" + c.verificationCode;
    }

    private CertificateView view(Certificate c) {
        return new CertificateView(c.id, c.memberId, c.honourId, c.verificationCode, verifyUrl(c), c.issuedAt,
                c.issuedBy, c.revokedAt, c.revocationReason);
    }
}
