package cn.zjlm.federation.member.api;

import cn.zjlm.federation.commons.audit.AuditTrail;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.identity.NationalIdNumber;
import cn.zjlm.federation.commons.identity.ValidNationalId;
import cn.zjlm.federation.commons.pii.Masking;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import cn.zjlm.federation.member.domain.HonourLevel;
import cn.zjlm.federation.member.domain.Member;
import cn.zjlm.federation.member.domain.MemberHonour;
import cn.zjlm.federation.member.domain.MemberRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Sensitive personal information (PIPL): clear values only for roles with the permission, with a
 * stated reason, audited; lookups by ID number take the number in the body, never the URL.
 */
@Path("/api/v1/members")
@Tag(name = "Members 会员登记")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SensitiveDataResource {
    @Inject
    MemberRegistry registry;

    @Inject
    PiiCipher cipher;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    public record DisclosureRequest(
            @NotEmpty Set<@NotNull @Pattern(regexp = "nationalId|phone") String> fields,
            @NotBlank @Size(min = 4, max = 500) String reason) {
    }

    public record Disclosure(UUID memberId, String nationalId, String phone) {
    }

    @POST
    @Path("{id}/sensitive-data")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN})
    @Transactional
    @Operation(summary = "Read clear sensitive values (ID number, phone) with a stated reason",
            description = "Association administrators only; every disclosure is kept in the audit trail with "
                    + "the reason, the fields, the caller and the correlation id.")
    public Disclosure disclose(@PathParam("id") UUID id, @NotNull @Valid DisclosureRequest request) {
        Member m = registry.find(id, caller.scope()).orElseThrow(() -> ProblemException.notFound("member"));
        audit.record("PII_DISCLOSED", "member/" + id, "SUCCESS",
                "fields=" + String.join(",", request.fields().stream().sorted().toList()) + "; reason="
                        + request.reason().strip());
        return new Disclosure(m.id, request.fields().contains("nationalId") ? cipher.decrypt(m.nationalIdCipher) : null,
                request.fields().contains("phone") ? cipher.decrypt(m.phoneCipher) : null);
    }

    public record LookupRequest(@NotBlank @ValidNationalId String nationalId) {
    }

    /** What a government system learns: whether the person is a registered honour holder, and which. */
    public record MinimalRecord(UUID memberId, String maskedName, String status, HonourLevel highestHonourLevel,
            List<String> honours) {
    }

    @POST
    @Path("lookup")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.GOV_SYSTEM})
    // A lookup that finds no one is audited too (who probed which ID number): the 404 must not roll it back.
    @Transactional(dontRollbackOn = ProblemException.class)
    @Operation(summary = "Exact lookup by ID number (in the body)",
            description = "Staff get the member (masked) if in their scope; government systems get minimal data "
                    + "province-wide. Every lookup is audited.")
    public Object lookup(@NotNull @Valid LookupRequest request) {
        String index = cipher.blindIndex(NationalIdNumber.normalize(request.nationalId()));
        boolean system = caller.hasRole(Roles.GOV_SYSTEM);
        Member m = Member.<Member>find("nationalIdIndex = ?1 and associationCode like ?2", index,
                system ? "%" : caller.scope().likePattern()).firstResult();
        audit.record("MEMBER_LOOKUP", m == null ? "member/?" : "member/" + m.id, m == null ? "NOT_FOUND" : "FOUND",
                "by national ID " + Masking.nationalId(NationalIdNumber.normalize(request.nationalId())));
        if (m == null) {
            throw ProblemException.notFound("member");
        }
        if (!system) {
            return MemberView.of(m, cipher);
        }
        List<MemberHonour> honours = MemberHonour.ofMember(m.id);
        return new MinimalRecord(m.id, Masking.name(m.name), m.status.name(), MemberHonour.highestLevel(honours),
                honours.stream().filter(h -> !h.isRevoked()).map(h -> h.title + " (" + h.year + ")").toList());
    }
}
