package cn.zjlm.federation.care.api;

import cn.zjlm.federation.care.domain.CareMember;
import cn.zjlm.federation.care.domain.PayeeAccount;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The bank account a member is paid to; the number is encrypted at rest and masked in every view. */
@Path("/api/v1/care/members/{memberId}/payee-account")
@Tag(name = "Payee accounts 收款账户")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PayeeResource {
    @Inject
    Caller caller;

    @Inject
    PiiCipher cipher;

    public record AccountRequest(@NotBlank @Size(max = 50) String accountHolder,
            @NotBlank @Size(max = 100) String bankName,
            @NotBlank @Pattern(regexp = "\\d{12,30}") String accountNumber) {
    }

    public record AccountView(UUID memberId, String accountHolder, String bankName, String accountNumberMasked,
            String updatedBy, Instant updatedAt) {
        static AccountView of(UUID memberId, PayeeAccount a) {
            return new AccountView(memberId, a.accountHolder, a.bankName, a.accountMasked, a.updatedBy, a.updatedAt);
        }
    }

    @GET
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.FINANCE})
    @Operation(summary = "The member's payee account (masked)")
    public AccountView get(@PathParam("memberId") UUID memberId) {
        CareMember m = member(memberId);
        PayeeAccount a = PayeeAccount.findById(m.nationalIdIndex);
        if (a == null) {
            throw ProblemException.notFound("payee account");
        }
        return AccountView.of(m.memberId, a);
    }

    @PUT
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.FINANCE})
    @Transactional
    @Operation(summary = "Set the member's payee account", description = "The number is stored encrypted.")
    public AccountView put(@PathParam("memberId") UUID memberId, @NotNull @Valid AccountRequest request) {
        CareMember m = member(memberId);
        PayeeAccount a = PayeeAccount.set(m.nationalIdIndex, request.accountHolder(), request.bankName(),
                request.accountNumber(), cipher, caller.username());
        return AccountView.of(m.memberId, a);
    }

    private CareMember member(UUID id) {
        return caller.inScope(CareMember.<CareMember>findById(id), m -> m.associationCode, "member");
    }

}
