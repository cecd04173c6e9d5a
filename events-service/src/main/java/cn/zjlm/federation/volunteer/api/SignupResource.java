package cn.zjlm.federation.volunteer.api;

import cn.zjlm.federation.commons.idempotency.IdempotentRequests;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import cn.zjlm.federation.volunteer.api.ActivityViews.CodeView;
import cn.zjlm.federation.volunteer.api.ActivityViews.SignupView;
import cn.zjlm.federation.volunteer.domain.Activity;
import cn.zjlm.federation.volunteer.domain.Attendances;
import cn.zjlm.federation.volunteer.domain.Signup;
import cn.zjlm.federation.volunteer.domain.Signups;
import cn.zjlm.federation.volunteer.domain.VolunteerMember;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Staff side of sign-up and attendance: sign members up, cancel, record attendance, show codes at the venue. */
@Path("/api/v1/events/activities/{id}")
@Tag(name = "Sign-up and attendance 报名与签到")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
public class SignupResource {
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

    @POST
    @Path("signups")
    @Operation(summary = "Sign a member up: a place while capacity lasts, else the waiting list",
            description = "The member must belong to the organising association or below, be alive, and have no "
                    + "overlapping booking (a waiting place counts). Walk-ins may be signed up while under way. "
                    + "Takes an Idempotency-Key.")
    public Response signUp(@PathParam("id") UUID id, @HeaderParam(IdempotentRequests.HEADER) String key,
            @NotNull @Valid ActivityRequests.SignupRequest request) {
        return idempotency.run(key, "POST /activities/" + id + "/signups", request, () -> {
            Activity a = activity(id, LockModeType.NONE); // Signups locks the member, then the activity
            caller.inScope(VolunteerMember.<VolunteerMember>findById(request.memberId()), m -> m.associationCode,
                    "member");
            Signup s = signups.signUp(a, request.memberId(), caller.username());
            return Response.status(201).entity(views.of(s)).build();
        });
    }

    @GET
    @Path("signups")
    @Operation(summary = "Places taken and the waiting list, in order, with attendance and hours; then cancellations with their reasons")
    public List<SignupView> list(@PathParam("id") UUID id) {
        return views.ofActivity(activity(id, LockModeType.NONE).id);
    }

    @POST
    @Path("signups/{memberId}/cancellation")
    @Transactional
    @Operation(summary = "Cancel a member's sign-up; the first on the waiting list takes a freed place")
    public SignupView cancel(@PathParam("id") UUID id, @PathParam("memberId") UUID memberId,
            @NotNull @Valid ActivityRequests.Reason request) {
        Activity a = activity(id, LockModeType.PESSIMISTIC_WRITE);
        Signup s = Signups.requireLive(a, memberId);
        signups.cancel(a, s, request.reason().strip());
        return views.of(s);
    }

    @PUT
    @Path("signups/{memberId}/attendance")
    @Transactional
    @Operation(summary = "Record or correct a member's arrival and departure; hours follow from them",
            description = "Hours are the time within the activity's window, in whole quarter hours, at most 8 per "
                    + "day; they are confirmed at once and VolunteerHoursRecorded is sent.")
    public SignupView attendance(@PathParam("id") UUID id, @PathParam("memberId") UUID memberId,
            @NotNull @Valid ActivityRequests.AttendanceRequest request) {
        Activity a = activity(id, LockModeType.PESSIMISTIC_WRITE);
        Signup s = Signups.requireLive(a, memberId);
        // PostgreSQL keeps times to the microsecond: the order is checked on the times as they will be stored
        attendances.record(a, s, request.checkedInAt().toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                request.checkedOutAt() == null ? null
                        : request.checkedOutAt().toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                caller.username());
        return views.of(s);
    }

    @POST
    @Path("attendance-codes")
    @Transactional
    @Operation(summary = "A six-digit code to show at the venue, for members to check in or out with",
            description = "Valid for validMinutes (default federation.attendance-codes.default-validity, 30 "
                    + "minutes). Each member uses a code once; after federation.attendance-codes.max-failed-attempts "
                    + "(5) wrong codes a member is checked in by staff.")
    public Response code(@PathParam("id") UUID id, @NotNull @Valid ActivityRequests.CodeRequest request) {
        Activity a = activity(id, LockModeType.NONE);
        Attendances.VenueCode code = attendances.newCode(a, request.purpose(),
                request.validMinutes() == null ? null : Duration.ofMinutes(request.validMinutes()), caller.username());
        return Response.status(201).entity(new CodeView(code.code(), request.purpose(), code.expiresAt()))
                .header("Cache-Control", "no-store").build();
    }

    private Activity activity(UUID id, LockModeType lock) {
        return ActivityResource.inScope(caller, id, lock);
    }
}
