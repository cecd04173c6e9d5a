package cn.zjlm.federation.volunteer.api;

import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.identity.AssociationCode;
import cn.zjlm.federation.commons.idempotency.IdempotentRequests;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import cn.zjlm.federation.volunteer.api.ActivityViews.SignupView;
import cn.zjlm.federation.volunteer.api.HoursResource.HoursView;
import cn.zjlm.federation.volunteer.domain.Activity;
import cn.zjlm.federation.volunteer.domain.Attendances;
import cn.zjlm.federation.volunteer.domain.HoursLog;
import cn.zjlm.federation.volunteer.domain.Signup;
import cn.zjlm.federation.volunteer.domain.Signups;
import cn.zjlm.federation.volunteer.domain.VolunteerHours;
import cn.zjlm.federation.volunteer.domain.VolunteerMember;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A member's own volunteering: open activities, sign-up, check-in with the venue code, hours. */
@Path("/api/v1/events/me")
@Tag(name = "My volunteering 我的志愿服务")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
public class MyVolunteeringResource {
    @Inject
    Caller caller;

    @Inject
    IdempotentRequests idempotency;

    @Inject
    Signups signups;

    @Inject
    Attendances attendances;

    @Inject
    SignupViews views;

    @Inject
    HoursLog hoursLog;

    @GET
    @Path("activities")
    @Operation(summary = "Published activities the member can join: their association's and those above it, not yet begun")
    public List<ActivityViews.ActivityView> open() {
        VolunteerMember me = self();
        return ActivityViews.withCounts(Activity.<Activity>list("associationCode in ?1 and state = ?2 and startsAt > ?3 order by startsAt, id",
                AssociationCode.lineage(me.associationCode), Activity.State.PUBLISHED, Instant.now()));
    }

    @GET
    @Path("signups")
    @Operation(summary = "The member's sign-ups, cancelled ones with their reason")
    public List<SignupView> mySignups() {
        return views.ofMember(self().memberId);
    }

    public record MySignup(@NotNull UUID activityId) {
    }

    @POST
    @Path("signups")
    @Operation(summary = "Sign up for an activity that has not begun", description = "Takes an Idempotency-Key.")
    public Response signUp(@HeaderParam(IdempotentRequests.HEADER) String key, @NotNull @Valid MySignup request) {
        return idempotency.run(key, "POST /me/signups", request, () -> {
            VolunteerMember me = self();
            Activity a = notBegun(joinable(request.activityId(), me, false));
            return Response.status(201).entity(views.of(signups.signUp(a, me.memberId, caller.username()))).build();
        });
    }

    @POST
    @Path("signups/{activityId}/cancellation")
    @Transactional
    @Operation(summary = "Cancel the member's own sign-up; the waiting list moves up")
    public SignupView cancel(@PathParam("activityId") UUID activityId, @NotNull @Valid ActivityRequests.Reason request) {
        VolunteerMember me = self();
        Activity a = notBegun(joinable(activityId, me, true));
        Signup s = Signups.requireLive(a, me.memberId);
        signups.cancel(a, s, request.reason().strip());
        return views.of(s);
    }

    public record CodeEntry(@NotNull UUID activityId, @NotBlank @Pattern(regexp = "\\s*[0-9]{6}\\s*") String code) {
    }

    @POST
    @Path("attendance")
    @Transactional
    @Operation(summary = "Check in or out with the code shown at the venue",
            description = "A check-in code records arrival, a check-out code departure and the hours.")
    public SignupView attend(@NotNull @Valid CodeEntry request) {
        VolunteerMember me = self();
        Activity a = joinable(request.activityId(), me, true);
        Signup s = Signups.requireLive(a, me.memberId);
        attendances.withCode(a, s, request.code(), caller.username());
        return views.of(s);
    }

    @GET
    @Path("hours")
    @Operation(summary = "The member's hours: from attendance and logged off-site work, with their status")
    public List<HoursView> myHours() {
        return VolunteerHours.<VolunteerHours>list("memberId = ?1 order by workDate desc, id", self().memberId).stream()
                .map(HoursView::of).toList();
    }

    public record OffSiteWork(@NotNull java.time.LocalDate workDate,
            @NotNull @jakarta.validation.constraints.DecimalMin(value = "0.25") @jakarta.validation.constraints.DecimalMax("24")
            @jakarta.validation.constraints.Digits(integer = 2, fraction = 2) java.math.BigDecimal hours,
            @NotBlank @Size(max = 2000) String description, UUID activityId) {
        HoursLog.Work toWork() {
            return new HoursLog.Work(workDate, hours, description, activityId);
        }
    }

    @POST
    @Path("hours")
    @Operation(summary = "Log hours of off-site work (e.g. remote technical advice); staff confirm them",
            description = "Takes an Idempotency-Key.")
    public Response logHours(@HeaderParam(IdempotentRequests.HEADER) String key, @NotNull @Valid OffSiteWork request) {
        return idempotency.run(key, "POST /me/hours", request, () -> {
            VolunteerMember me = self();
            VolunteerHours h = hoursLog.log(me, request.toWork(), caller.username(), false);
            return Response.status(201).entity(HoursView.of(h)).build();
        });
    }

    /** The caller's member record; a login not linked to a member is refused. */
    private VolunteerMember self() {
        return caller.accountId().flatMap(VolunteerMember::byAccount)
                .orElseThrow(() -> new ProblemException(403, "forbidden"));
    }

    /**
     * A published activity of the member's association or one above it; anything else does not
     * exist for them. Locked (after the scope check) when the caller changes it.
     */
    private static Activity joinable(UUID id, VolunteerMember me, boolean lock) {
        Activity a = Activity.findById(id);
        if (a == null || a.publishedAt == null || !AssociationCode.covers(a.associationCode, me.associationCode)) {
            throw ProblemException.notFound("activity");
        }
        if (lock) {
            Signups.lock(a);
        }
        return a;
    }

    /** Members change their own bookings only before the start; after it, staff at the venue do. */
    private static Activity notBegun(Activity a) {
        if (!a.startsAt.isAfter(Instant.now())) {
            throw ProblemException.conflict("activity-begun");
        }
        return a;
    }
}
