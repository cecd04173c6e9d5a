package cn.zjlm.federation.volunteer.api;

import cn.zjlm.federation.commons.api.ResultPage;
import cn.zjlm.federation.commons.idempotency.IdempotentRequests;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import cn.zjlm.federation.volunteer.domain.VolunteerHours;
import cn.zjlm.federation.volunteer.domain.VolunteerMember;
import cn.zjlm.federation.volunteer.domain.HoursLog;
import io.quarkus.panache.common.Parameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Volunteer hours: the confirmation queue for off-site work, and hours logged by staff. */
@Path("/api/v1/events/hours")
@Tag(name = "Volunteer hours 服务时长")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
public class HoursResource {
    @Inject
    Caller caller;

    @Inject
    IdempotentRequests idempotency;

    @Inject
    HoursLog hoursLog;

    public record HoursView(UUID id, UUID memberId, String associationCode, UUID activityId, String source,
            LocalDate workDate, BigDecimal hours, String description, String status, String loggedBy,
            String decidedBy, Instant decidedAt, String decisionReason, long version) {
        static HoursView of(VolunteerHours h) {
            return new HoursView(h.id, h.memberId, h.associationCode, h.activityId, h.source, h.workDate, h.hours,
                    h.description, h.status, h.loggedBy, h.decidedBy, h.decidedAt, h.decisionReason, h.version);
        }
    }


    @GET
    @Operation(summary = "Hours in the caller's scope, e.g. status=PENDING for the confirmation queue")
    public ResultPage<HoursView> list(@QueryParam("status") @Pattern(regexp = "PENDING|CONFIRMED|REJECTED") String status,
            @QueryParam("memberId") UUID memberId, @QueryParam("page") @DefaultValue("0") @Min(0) @Max(ResultPage.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        StringBuilder q = new StringBuilder("associationCode like :scope");
        Parameters p = Parameters.with("scope", caller.scope().likePattern());
        if (status != null) {
            q.append(" and status = :status");
            p.and("status", status);
        }
        if (memberId != null) {
            q.append(" and memberId = :member");
            p.and("member", memberId);
        }
        var query = VolunteerHours.<VolunteerHours>find(q + " order by workDate desc, id", p);
        return ResultPage.of(query, page, size, HoursView::of);
    }

    public record StaffLoggedWork(@NotNull UUID memberId, @NotNull @Valid MyVolunteeringResource.OffSiteWork work) {
    }

    @POST
    @Operation(summary = "Log off-site hours for a member (confirmed at once: staff vouch for them)",
            description = "Takes an Idempotency-Key.")
    public Response log(@HeaderParam(IdempotentRequests.HEADER) String key, @NotNull @Valid StaffLoggedWork request) {
        return idempotency.run(key, "POST /hours", request, () -> {
            VolunteerMember m = caller.inScope(VolunteerMember.<VolunteerMember>findById(request.memberId()),
                    x -> x.associationCode, "member");
            VolunteerHours h = hoursLog.log(m, request.work().toWork(), caller.username(), true);
            return Response.status(201).entity(HoursView.of(h)).build();
        });
    }

    @POST
    @Path("{id}/confirmation")
    @Consumes(MediaType.WILDCARD)
    @Transactional
    @Operation(summary = "Confirm hours a member logged; VolunteerHoursRecorded is sent")
    public HoursView confirm(@PathParam("id") UUID id) {
        VolunteerHours h = locked(id);
        hoursLog.decide(h, VolunteerHours.CONFIRMED, null, caller.username());
        return HoursView.of(h);
    }

    @POST
    @Path("{id}/rejection")
    @Transactional
    @Operation(summary = "Reject hours a member logged, with the reason the member will read")
    public HoursView reject(@PathParam("id") UUID id, @NotNull @Valid ActivityRequests.Reason request) {
        VolunteerHours h = locked(id);
        hoursLog.decide(h, VolunteerHours.REJECTED, request.reason().strip(), caller.username());
        return HoursView.of(h);
    }

    private VolunteerHours locked(UUID id) {
        return caller.inScope(VolunteerHours.<VolunteerHours>findById(id, LockModeType.PESSIMISTIC_WRITE),
                x -> x.associationCode, "hours");
    }
}
