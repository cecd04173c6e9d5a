package cn.zjlm.federation.member.api;

import cn.zjlm.federation.commons.api.ResultPage;
import cn.zjlm.federation.commons.error.Preconditions;
import cn.zjlm.federation.commons.error.Problem;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import cn.zjlm.federation.member.domain.Member;
import cn.zjlm.federation.member.domain.MemberHistory;
import cn.zjlm.federation.member.domain.MemberHonour;
import cn.zjlm.federation.member.domain.MemberHonours;
import cn.zjlm.federation.member.domain.MemberRegistry;
import cn.zjlm.federation.member.domain.MemberTransfer;
import cn.zjlm.federation.member.domain.TransferStatus;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/members")
@Tag(name = "Members 会员登记")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Invalid input, with a reason per field",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class MemberResource {
    @Inject
    MemberRegistry registry;

    @Inject
    Caller caller;

    @Inject
    PiiCipher cipher;

    @Inject
    UriInfo uriInfo;

    @Inject
    MemberHonours honours;

    @Inject
    cn.zjlm.federation.member.certificates.CertificateService certificates;

    @POST
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
    @Operation(summary = "Register a member (登记)", description = "The association must lie in the caller's scope; "
            + "the ID number must be valid (GB 11643) and not registered yet anywhere in the province.")
    @APIResponse(responseCode = "201", description = "Registered; Location and ETag set")
    @APIResponse(responseCode = "409", description = "The ID number is already registered")
    public Response register(@NotNull @Valid MemberRequest request) {
        Member m = registry.register(request, caller.scope(), caller.username());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(m.id.toString()).build())
                .tag(Preconditions.etag(m.version)).entity(MemberView.of(m, cipher)).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.REVIEWER,
            Roles.FINANCE})
    @Operation(summary = "Read a member", description = "404 when the member is outside the caller's association.")
    @APIResponse(responseCode = "200", description = "The member, sensitive values masked; ETag is the version")
    @APIResponse(responseCode = "404", description = "No such member in the caller's scope")
    public Response get(@PathParam("id") UUID id) {
        Member m = registry.find(id, caller.scope()).orElseThrow(() -> ProblemException.notFound("member"));
        return Response.ok(MemberView.of(m, cipher)).tag(Preconditions.etag(m.version)).build();
    }

    @GET
    @Path("me")
    @RolesAllowed(Roles.MEMBER)
    @Operation(summary = "The calling member's own record")
    public Response me() {
        Member m = caller.accountId().flatMap(registry::findByAccount)
                .orElseThrow(() -> ProblemException.notFound("member"));
        return Response.ok(MemberView.of(m, cipher)).tag(Preconditions.etag(m.version)).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
    @Operation(summary = "Correct a member record", description = "Requires If-Match with the ETag from a read; "
            + "a stale version is refused with 412 so concurrent edits are never lost.")
    @APIResponse(responseCode = "200", description = "Updated; new ETag")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid MemberRequest request) {
        Member m = registry.update(id, Preconditions.requiredVersion(ifMatch), request, caller.scope(), caller.username());
        return Response.ok(MemberView.of(m, cipher)).tag(Preconditions.etag(m.version)).build();
    }

    @GET
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.REVIEWER,
            Roles.FINANCE})
    @Operation(summary = "Search members in the caller's scope",
            description = "Filters combine; association narrows to a subtree of the caller's own association.")
    public Page<MemberView> search(
            @Valid @BeanParam MemberFilters filters,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(ResultPage.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size,
            @QueryParam("sort") @DefaultValue("name") @Pattern(regexp = "-?(name|birthDate|createdAt|associationCode)")
            String sort) {
        Sort order = sort.startsWith("-") ? Sort.descending(sort.substring(1)) : Sort.ascending(sort);
        var result = registry.search(filters.search(page, size, order.and("id")), caller.scope());
        return new Page<>(MemberView.of(result.members(), cipher), page, size, result.total());
    }

    @POST
    @Path("{id}/death")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
    @Operation(summary = "Record a member's death (已故)", description = "Requires If-Match. Publishes MemberDeceased: "
            + "care stops future entitlements, volunteer sign-ups are cancelled.")
    public Response death(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid ActionRequests.Death request) {
        Member m = registry.markDeceased(id, Preconditions.requiredVersion(ifMatch), request.deceasedOn(), caller.scope(),
                caller.username());
        return Response.ok(MemberView.of(m, cipher)).tag(Preconditions.etag(m.version)).build();
    }

    @POST
    @Path("{id}/honours")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
    @Operation(summary = "Record an honour the member holds", description = "Publishes HonorRecorded.")
    @APIResponse(responseCode = "201", description = "Recorded")
    public Response recordHonour(@PathParam("id") UUID id, @NotNull @Valid HonourRequest request) {
        MemberHonour h = honours.record(id, request, caller.scope(), caller.username());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(h.id.toString()).build())
                .entity(MemberView.HonourView.of(h)).build();
    }

    @POST
    @Path("{id}/honours/{honourId}/revocation")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN})
    @Operation(summary = "Revoke an honour (撤销称号)", description = "Keeps the honour with date and reason; "
            + "its certificates are revoked with it (verification then reports them revoked); publishes "
            + "HonorRevoked. Association administrators only.")
    @jakarta.transaction.Transactional
    public MemberView.HonourView revokeHonour(@PathParam("id") UUID id, @PathParam("honourId") UUID honourId,
            @NotNull @Valid ActionRequests.Revocation request) {
        var h = honours.revoke(id, honourId, request.revokedOn(), request.reason(), caller.scope(), caller.username());
        certificates.revokeAllOf(h, caller.username());
        return MemberView.HonourView.of(h);
    }

    public record HistoryEntry(String action, String field, String oldValue, String newValue, Instant changedAt,
            String changedBy) {
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
    @Operation(summary = "Field-level change history: who, when, old → new",
            description = "An association a member was transferred away from keeps the history up to the transfer.")
    public List<HistoryEntry> history(@PathParam("id") UUID id) {
        Instant until = registry.find(id, caller.scope()).isPresent() ? null
                : MemberTransfer.<MemberTransfer>find("memberId = ?1 and status = ?2 and fromAssociation like ?3 "
                        + "order by decidedAt desc", id, TransferStatus.ACCEPTED, caller.scope().likePattern())
                        .firstResultOptional().map(t -> t.decidedAt)
                        .orElseThrow(() -> ProblemException.notFound("member"));
        var history = until == null ? MemberHistory.<MemberHistory>list("memberId = ?1 order by id", id)
                : MemberHistory.<MemberHistory>list("memberId = ?1 and changedAt <= ?2 order by id", id, until);
        return history.stream().map(h -> new HistoryEntry(h.action, h.field, h.oldValue, h.newValue, h.changedAt, h.changedBy))
                .toList();
    }
}
