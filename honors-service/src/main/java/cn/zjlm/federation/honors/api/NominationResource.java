package cn.zjlm.federation.honors.api;

import cn.zjlm.federation.commons.api.ResultPage;
import cn.zjlm.federation.commons.error.Preconditions;
import cn.zjlm.federation.commons.error.Problem;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.identity.ValidAssociationCode;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import cn.zjlm.federation.honors.domain.Nomination;
import cn.zjlm.federation.honors.domain.NominationState;
import cn.zjlm.federation.honors.domain.NominationStep;
import cn.zjlm.federation.honors.domain.Nominations;
import cn.zjlm.federation.honors.domain.Objections;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/honors/nominations")
@Tag(name = "Nominations 推荐与审核")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Invalid input, with a reason per field",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "409", description = "Not allowed in the nomination's state, or a quota or rule "
        + "(named in the problem's code) is not met",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class NominationResource {
    @Inject
    Nominations nominations;

    @Inject
    Objections objections;

    @Inject
    Caller caller;

    @Inject
    PiiCipher cipher;

    @Inject
    UriInfo uriInfo;

    @POST
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
    @Operation(summary = "Draft a nomination (推荐)", description = "Nominee: memberId of a registered member, or "
            + "nominee for a new person (GB 11643 ID number checked, stored encrypted).")
    @APIResponse(responseCode = "201", description = "Drafted; Location and ETag set")
    public Response create(@NotNull @Valid NominationRequest request) {
        Nomination n = nominations.create(request, caller);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(n.id.toString()).build()).tag(etag(n))
                .entity(full(n)).build();
    }

    @GET
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.REVIEWER})
    @Operation(summary = "Nominations in the caller's scope", description = "Filter by campaign, state and an "
            + "association subtree inside the caller's own.")
    public ResultPage<NominationView> list(@QueryParam("campaignId") UUID campaignId, @QueryParam("state") NominationState state,
            @QueryParam("association") @ValidAssociationCode String association,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(ResultPage.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        var found = nominations.search(new Nominations.Filter(campaignId, state, association), caller.scope(), page,
                size);
        return new ResultPage<>(found.items().stream().map(NominationView::summary).toList(), page, size, found.total());
    }


    @GET
    @Path("{id}")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.REVIEWER})
    @Operation(summary = "One nomination with every step and objection", description = "404 outside the caller's scope.")
    public Response get(@PathParam("id") UUID id) {
        Nomination n = nominations.find(id, caller.scope()).orElseThrow(() -> ProblemException.notFound("nomination"));
        return Response.ok(full(n)).tag(etag(n)).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
    @Operation(summary = "Edit a draft or returned nomination", description = "Requires If-Match (412 when stale).")
    public Response edit(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid NominationRequest.Edit request) {
        Nomination n = nominations.edit(id, Preconditions.requiredVersion(ifMatch), request, caller);
        return Response.ok(full(n)).tag(etag(n)).build();
    }

    @POST
    @Path("{id}/submission")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
    @Operation(summary = "Submit (上报)", description = "Inside the nomination window, within the area's quota and "
            + "the campaign's rules; then reviewed level by level. Optional If-Match.")
    public Response submit(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Nomination n = nominations.submit(id, Preconditions.optionalVersion(ifMatch), caller);
        return Response.ok(full(n)).tag(etag(n)).build();
    }

    public record ReviewRequest(@NotNull Nominations.Decision decision,
            @Schema(description = "审核意见") @NotBlank @Size(max = 4000) String opinion) {
    }

    @POST
    @Path("{id}/reviews")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.REVIEWER})
    @Operation(summary = "Review at the current level (审核)", description = "APPROVE passes it to the next level "
            + "(quota and rules re-checked), RETURN sends it back for changes, REJECT ends it. Only the level's "
            + "own association may act, never the submitter nor a reviewer of another level (separation of duties).")
    @APIResponse(responseCode = "403", description = "Not this level's association, or separation of duties")
    public Response review(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid ReviewRequest request) {
        Nomination n = nominations.review(id, Preconditions.optionalVersion(ifMatch), request.decision(), request.opinion(), caller);
        return Response.ok(full(n)).tag(etag(n)).build();
    }

    public record Reason(@NotBlank @Size(max = 4000) String reason) {
    }

    @POST
    @Path("{id}/withdrawal")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
    @Operation(summary = "Withdraw (撤回) before public notice")
    public Response withdraw(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid Reason request) {
        Nomination n = nominations.withdraw(id, Preconditions.optionalVersion(ifMatch), request.reason(), caller);
        return Response.ok(full(n)).tag(etag(n)).build();
    }

    public record ApprovalRequest(@Size(max = 4000) String opinion) {
    }

    @POST
    @Path("{id}/approval")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN})
    @Operation(summary = "Approve after public notice (批准)", description = "The organiser's administrators, once "
            + "the notice has ended and no objection is open; quota and rules are checked once more.")
    public Response approve(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid ApprovalRequest request) {
        Nomination n = nominations.approve(id, Preconditions.optionalVersion(ifMatch), request == null ? null : request.opinion(),
                caller);
        return Response.ok(full(n)).tag(etag(n)).build();
    }

    public record Resolution(@NotNull Objections.Outcome outcome,
            @Schema(description = "调查结论") @NotBlank @Size(max = 4000) String findings) {
    }

    @POST
    @Path("{id}/objections/{objectionId}/resolution")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.REVIEWER})
    @Operation(summary = "Resolve an objection with findings", description = "UPHELD rejects the nomination; "
            + "DISMISSED lifts the block on approval.")
    public NominationView.ObjectionView resolve(@PathParam("id") UUID id, @PathParam("objectionId") UUID objectionId,
            @NotNull @Valid Resolution request) {
        return NominationView.ObjectionView.of(objections.resolve(id, objectionId, request.outcome(),
                request.findings(), caller), cipher);
    }

    private NominationView full(Nomination n) {
        return NominationView.of(n, NominationStep.list("nominationId = ?1 order by id", n.id), cipher,
                nominations.handlesObjections(n, caller));
    }

    static EntityTag etag(Nomination n) {
        return Preconditions.etag(n.version);
    }
}
