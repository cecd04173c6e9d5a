package cn.zjlm.federation.member.api;

import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import cn.zjlm.federation.member.domain.Member;
import cn.zjlm.federation.member.domain.MemberTransfer;
import cn.zjlm.federation.member.domain.MemberTransfers;
import cn.zjlm.federation.member.domain.TransferStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/members")
@Tag(name = "Transfers 会员转移")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
public class TransferResource {
    @Inject
    MemberTransfers transfers;

    @Inject
    Caller caller;

    @Inject
    UriInfo uriInfo;

    /** A transfer as both sides see it; the target sees who is coming before accepting, nothing sensitive. */
    public record TransferView(UUID id, UUID memberId, String memberName, int memberBirthYear,
            String fromAssociation, String toAssociation, String reason, TransferStatus status, Instant requestedAt,
            String requestedBy, Instant decidedAt, String decidedBy, String decisionNote) {
        static TransferView of(MemberTransfer t) {
            Member m = Member.findById(t.memberId);
            return new TransferView(t.id, t.memberId, m.name, m.birthDate.getYear(), t.fromAssociation,
                    t.toAssociation, t.reason, t.status, t.requestedAt, t.requestedBy, t.decidedAt, t.decidedBy,
                    t.decisionNote);
        }
    }

    @POST
    @Path("{id}/transfers")
    @Operation(summary = "Request a transfer (转移) of a member to another association")
    public Response request(@PathParam("id") UUID memberId, @NotNull @Valid ActionRequests.TransferRequest request) {
        MemberTransfer t = transfers.request(memberId, request.toAssociation(), request.reason(), caller.scope(),
                caller.username());
        return Response.created(uriInfo.getBaseUriBuilder().path("/api/v1/members/transfers/" + t.id).build())
                .entity(TransferView.of(t)).build();
    }

    @GET
    @Path("transfers")
    @Operation(summary = "Transfers into (incoming) or out of (outgoing) the caller's associations")
    public List<TransferView> list(
            @QueryParam("direction") @DefaultValue("incoming") @Pattern(regexp = "incoming|outgoing") String direction,
            @QueryParam("status") TransferStatus status) {
        return transfers.list("incoming".equals(direction), status, caller.scope()).stream().map(TransferView::of)
                .toList();
    }

    @GET
    @Path("transfers/{transferId}")
    @Operation(summary = "One transfer, visible to the source and the target side")
    public TransferView get(@PathParam("transferId") UUID transferId) {
        return TransferView.of(transfers.find(transferId, caller.scope()));
    }

    @POST
    @Path("transfers/{transferId}/acceptance")
    @Operation(summary = "Accept a transfer: the member moves to the target association",
            description = "By the target association or any association above it. Publishes MemberTransferred.")
    public TransferView accept(@PathParam("transferId") UUID transferId, @Valid ActionRequests.Decision decision) {
        return TransferView.of(transfers.decide(transferId, true, decision == null ? null : decision.note(),
                caller.scope(), caller.username()));
    }

    @POST
    @Path("transfers/{transferId}/rejection")
    @Operation(summary = "Reject a transfer; the member stays where they are")
    public TransferView reject(@PathParam("transferId") UUID transferId, @Valid ActionRequests.Decision decision) {
        return TransferView.of(transfers.decide(transferId, false, decision == null ? null : decision.note(),
                caller.scope(), caller.username()));
    }

    @POST
    @Path("transfers/{transferId}/cancellation")
    @Consumes(MediaType.WILDCARD) // takes no body, so any (or no) content type
    @Operation(summary = "Withdraw an open transfer (requesting side)")
    public TransferView cancel(@PathParam("transferId") UUID transferId) {
        return TransferView.of(transfers.cancel(transferId, caller.scope(), caller.username()));
    }
}
