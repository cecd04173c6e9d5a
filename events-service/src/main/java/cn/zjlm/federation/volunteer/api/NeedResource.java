package cn.zjlm.federation.volunteer.api;

import cn.zjlm.federation.commons.api.ResultPage;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.identity.ValidAssociationCode;
import cn.zjlm.federation.commons.identity.ValidCreditCode;
import cn.zjlm.federation.commons.idempotency.IdempotentRequests;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import cn.zjlm.federation.volunteer.domain.EnterpriseNeed;
import cn.zjlm.federation.volunteer.domain.ServiceTeam;
import io.quarkus.panache.common.Parameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The needs board (揭榜挂帅): enterprises' technical needs, claimed by a team, closed with the outcome. */
@Path("/api/v1/events/needs")
@Tag(name = "Enterprise needs board 揭榜挂帅")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
public class NeedResource {
    @Inject
    Caller caller;

    @Inject
    IdempotentRequests idempotency;

    public record NeedRequest(@NotBlank @ValidAssociationCode String associationCode,
            @NotBlank @Size(max = 200) String enterpriseName, @NotBlank @ValidCreditCode String creditCode,
            @NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 5000) String description) {
    }

    public record NeedView(UUID id, String associationCode, String enterpriseName, String creditCode, String title,
            String description, String status, Instant postedAt, UUID teamId, Instant claimedAt, String outcome,
            Boolean problemSolved, BigDecimal economicBenefit, Instant resolvedAt, long version) {
        static NeedView of(EnterpriseNeed n) {
            return new NeedView(n.id, n.associationCode, n.enterpriseName, n.creditCode, n.title, n.description,
                    n.status, n.postedAt, n.teamId, n.claimedAt, n.outcome, n.problemSolved, n.economicBenefit,
                    n.resolvedAt, n.version);
        }
    }


    @POST
    @Operation(summary = "Post an enterprise's technical need", description = "Takes an Idempotency-Key.")
    public Response post(@HeaderParam(IdempotentRequests.HEADER) String key, @NotNull @Valid NeedRequest request) {
        caller.requireWritable("associationCode", request.associationCode());
        return idempotency.run(key, "POST /needs", request, () -> {
            EnterpriseNeed n = new EnterpriseNeed();
            n.id = UUID.randomUUID();
            n.associationCode = request.associationCode();
            n.enterpriseName = request.enterpriseName().strip();
            n.creditCode = request.creditCode().strip().toUpperCase();
            n.title = request.title().strip();
            n.description = request.description().strip();
            n.status = "OPEN";
            n.postedBy = caller.username();
            n.postedAt = Instant.now();
            n.persist();
            return Response.status(201).entity(view(n)).build();
        });
    }

    @GET
    @Operation(summary = "Needs in the caller's scope, newest first; status=OPEN lists those waiting for a team")
    public ResultPage<NeedView> list(@QueryParam("status") @Pattern(regexp = "OPEN|CLAIMED|RESOLVED|CLOSED") String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(ResultPage.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        Parameters p = Parameters.with("scope", caller.scope().likePattern());
        String q = "associationCode like :scope";
        if (status != null) {
            q += " and status = :status";
            p.and("status", status);
        }
        var query = EnterpriseNeed.<EnterpriseNeed>find(q + " order by postedAt desc, id", p);
        return ResultPage.of(query, page, size, NeedView::of);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One need")
    public NeedView get(@PathParam("id") UUID id) {
        return NeedView.of(find(id, LockModeType.NONE));
    }

    public record Claim(@NotNull UUID teamId) {
    }

    @POST
    @Path("{id}/claim")
    @Transactional
    @Operation(summary = "A team takes the need on (揭榜); a need is claimed once")
    public NeedView claim(@PathParam("id") UUID id, @NotNull @Valid Claim request) {
        EnterpriseNeed n = find(id, LockModeType.PESSIMISTIC_WRITE);
        ServiceTeam team = ServiceTeam.findById(request.teamId());
        if (team == null || !caller.scope().covers(team.associationCode)) {
            throw ProblemException.invalidField("teamId", "events.team-unknown");
        }
        n.claim(team.id, caller.username());
        return view(n);
    }

    /** Economic benefit in 万元. */
    public record Outcome(@NotBlank @Size(max = 5000) String outcome, @NotNull Boolean problemSolved,
            @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal economicBenefit) {
    }

    @POST
    @Path("{id}/outcome")
    @Transactional
    @Operation(summary = "Record what the team achieved on a claimed need")
    public NeedView outcome(@PathParam("id") UUID id, @NotNull @Valid Outcome request) {
        EnterpriseNeed n = find(id, LockModeType.PESSIMISTIC_WRITE);
        n.resolve(request.outcome().strip(), request.problemSolved(),
                request.economicBenefit() == null ? null : request.economicBenefit().setScale(2));
        return view(n);
    }

    @POST
    @Path("{id}/closure")
    @Transactional
    @Operation(summary = "Withdraw an open need nobody claimed, with the reason")
    public NeedView close(@PathParam("id") UUID id, @NotNull @Valid ActivityRequests.Reason request) {
        EnterpriseNeed n = find(id, LockModeType.PESSIMISTIC_WRITE);
        n.close(request.reason().strip());
        return view(n);
    }

    @POST
    @Path("{id}/release")
    @Transactional
    @Operation(summary = "A team gives a claimed need back to the board (揭榜撤回), with the reason")
    public NeedView release(@PathParam("id") UUID id, @NotNull @Valid ActivityRequests.Reason request) {
        EnterpriseNeed n = find(id, LockModeType.PESSIMISTIC_WRITE);
        n.release(request.reason().strip());
        return view(n);
    }

    /** The need after this request's change, with the version it commits with. */
    private static NeedView view(EnterpriseNeed n) {
        PendingWrites.flush();
        return NeedView.of(n);
    }

    private EnterpriseNeed find(UUID id, LockModeType lock) {
        return caller.inScope(EnterpriseNeed.<EnterpriseNeed>findById(id, lock), n -> n.associationCode, "need");
    }
}
