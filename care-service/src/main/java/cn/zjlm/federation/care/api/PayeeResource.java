package cn.zjlm.federation.care.api;

import cn.zjlm.federation.care.domain.CareMember;
import cn.zjlm.federation.care.domain.PayeeAccount;
import cn.zjlm.federation.commons.error.Preconditions;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The bank account a member is paid to; the number is encrypted at rest and masked in every view. A new or changed
 * account is paid to only once a second person (finance) has verified it.
 */
@Path("/api/v1/care/members/{memberId}/payee-account")
@Tag(name = "Payee accounts 收款账户")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PayeeResource {
    static final String VERIFY_DESCRIPTION = "Four eyes: not by anyone who set or changed the account since it was "
            + "last verified (403 payee-four-eyes). Needs If-Match with the ETag of the account as read (428 without, "
            + "412 when it changed meanwhile). Until verified, a payment file carries the line without the account "
            + "number.";

    @Inject
    Caller caller;

    @Inject
    PiiCipher cipher;

    public record AccountRequest(@NotBlank @Size(max = 50) String accountHolder,
            @NotBlank @Size(max = 100) String bankName,
            @NotBlank @Pattern(regexp = "\\d{12,30}") String accountNumber) {
    }

    public record AccountView(UUID memberId, String accountHolder, String bankName, String accountNumberMasked,
            String updatedBy, Instant updatedAt, boolean verified, String verifiedBy, Instant verifiedAt) {
        static AccountView of(UUID memberId, PayeeAccount a) {
            return new AccountView(memberId, a.accountHolder, a.bankName, a.accountMasked, a.updatedBy, a.updatedAt,
                    a.isVerified(), a.verifiedBy, a.verifiedAt);
        }
    }

    /** The account's view with its version as ETag. */
    static Response view(UUID memberId, PayeeAccount a) {
        return Response.ok(AccountView.of(memberId, a)).tag(Preconditions.etag(a.version)).build();
    }

    /** As {@link #view} after a change, flushed first so the ETag is that of the change made. */
    static Response changed(UUID memberId, PayeeAccount a) {
        PayeeAccount.flush();
        return view(memberId, a);
    }

    /** The account kept for a person (by blind index), or 404. */
    static PayeeAccount existing(String beneficiaryIndex) {
        PayeeAccount a = PayeeAccount.findById(beneficiaryIndex);
        if (a == null) {
            throw ProblemException.notFound("payee account");
        }
        return a;
    }

    /** Verifies the account as the caller read it. */
    static PayeeAccount verify(String beneficiaryIndex, String ifMatch, String actor) {
        long expected = Preconditions.requiredVersion(ifMatch);
        PayeeAccount a = PayeeAccount.findById(beneficiaryIndex, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (a == null) {
            throw ProblemException.notFound("payee account");
        }
        a.verify(expected, actor);
        return a;
    }

    @GET
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.FINANCE})
    @Operation(summary = "The member's payee account (masked), with whether it is verified")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AccountView.class)))
    public Response get(@PathParam("memberId") UUID memberId) {
        CareMember m = member(memberId);
        return view(m.memberId, existing(m.nationalIdIndex));
    }

    @PUT
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.FINANCE})
    @Transactional
    @Operation(summary = "Set the member's payee account",
            description = "The number is stored encrypted. A new or changed account awaits verification by another "
                    + "person (POST …/payee-account/verification) before a payment file carries it.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AccountView.class)))
    public Response put(@PathParam("memberId") UUID memberId, @NotNull @Valid AccountRequest request) {
        CareMember m = member(memberId);
        PayeeAccount a = PayeeAccount.set(m.nationalIdIndex, request.accountHolder(), request.bankName(),
                request.accountNumber(), cipher, caller.username());
        return changed(m.memberId, a);
    }

    @POST
    @Path("verification")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.FINANCE)
    @Transactional
    @Operation(summary = "Verify the member's payee account against their papers (finance, four eyes)",
            description = VERIFY_DESCRIPTION)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AccountView.class)))
    public Response verification(@PathParam("memberId") UUID memberId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        CareMember m = member(memberId);
        return changed(m.memberId, verify(m.nationalIdIndex, ifMatch, caller.username()));
    }

    private CareMember member(UUID id) {
        return caller.inScope(CareMember.<CareMember>findById(id), m -> m.associationCode, "member");
    }
}
