package cn.zjlm.federation.volunteer.api;

import cn.zjlm.federation.commons.api.ResultPage;
import static cn.zjlm.federation.commons.error.Preconditions.etag;

import cn.zjlm.federation.commons.error.Preconditions;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.idempotency.IdempotentRequests;
import cn.zjlm.federation.commons.identity.ValidAssociationCode;
import cn.zjlm.federation.commons.security.AssociationScope;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import cn.zjlm.federation.commons.time.ChinaTime;
import cn.zjlm.federation.volunteer.api.ActivityRequests.ActivityRequest;
import cn.zjlm.federation.volunteer.api.ActivityViews.ActivityView;
import cn.zjlm.federation.volunteer.domain.Activity;
import cn.zjlm.federation.volunteer.domain.Attendances;
import cn.zjlm.federation.volunteer.domain.ServiceTeam;
import cn.zjlm.federation.volunteer.domain.Signup;
import cn.zjlm.federation.volunteer.domain.SignupReasons;
import cn.zjlm.federation.volunteer.domain.Signups;
import cn.zjlm.federation.volunteer.domain.VolunteerMember;
import cn.zjlm.federation.volunteer.events.VolunteerEvents;
import io.quarkus.panache.common.Parameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Activities: set up, publish, run, complete with outcomes, or cancel (sign-ups are told by event). */
@Path("/api/v1/events/activities")
@Tag(name = "Activities 志愿服务活动")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
public class ActivityResource {
    @Inject
    Caller caller;

    @Inject
    IdempotentRequests idempotency;

    @Inject
    Signups signups;

    @Inject
    Attendances attendances;

    @Inject
    VolunteerEvents events;

    @POST
    @Operation(summary = "Set up an activity (draft)",
            description = "Kind: TECHNICAL_SERVICE (助企行), LECTURE (宣讲), SCHOOL_VISIT (进校园), FREE_CLINIC (义诊), "
                    + "VOLUNTEER_MONTH (志愿服务月), CRAFTSMAN_DAY (926工匠日), OTHER. Enterprise beneficiaries need a "
                    + "valid unified social credit code (GB 32100). Past activities may be recorded afterwards. "
                    + "Takes an Idempotency-Key.")
    public Response create(@HeaderParam(IdempotentRequests.HEADER) String key, @NotNull @Valid ActivityRequest request) {
        caller.requireWritable("associationCode", request.associationCode());
        return idempotency.run(key, "POST /activities", request, () -> {
            Activity a = new Activity();
            a.id = UUID.randomUUID();
            a.state = Activity.State.DRAFT;
            a.createdBy = caller.username();
            a.createdAt = Instant.now();
            apply(a, request);
            a.persist();
            return Response.status(201).entity(ActivityViews.view(a)).tag(etag(a.version)).build();
        });
    }

    @GET
    @Operation(summary = "Activities in the caller's scope, newest first",
            description = "Filters: state, kind, from/to (dates the activity starts on, China time), associationCode "
                    + "(narrows to that association and below).")
    public ResultPage<ActivityView> list(@QueryParam("state") Activity.State state, @QueryParam("kind") String kind,
            @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @QueryParam("associationCode") @ValidAssociationCode String associationCode,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(ResultPage.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        StringBuilder q = new StringBuilder("associationCode like :scope");
        Parameters p = Parameters.with("scope", caller.scope().likePattern());
        if (associationCode != null) {
            caller.requireInScope(associationCode, "association");
            q.append(" and associationCode like :narrow");
            p.and("narrow", AssociationScope.of(associationCode).likePattern());
        }
        if (state != null) {
            q.append(" and state = :state");
            p.and("state", state);
        }
        if (kind != null) {
            q.append(" and kind = :kind");
            p.and("kind", kind);
        }
        if (from != null) {
            q.append(" and startsAt >= :from");
            p.and("from", from.atStartOfDay(ChinaTime.ZONE).toInstant());
        }
        if (to != null) {
            q.append(" and startsAt < :to");
            p.and("to", to.plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant());
        }
        var query = Activity.<Activity>find(q + " order by startsAt desc, id", p);
        List<Activity> items = query.page(page, size).list();
        return new ResultPage<>(ActivityViews.withCounts(items), page, size, query.count());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One activity with its sign-up counts", description = "404 outside the caller's association.")
    public Response get(@PathParam("id") UUID id) {
        Activity a = find(id, LockModeType.NONE);
        return Response.ok(ActivityViews.view(a)).tag(etag(a.version)).build();
    }

    @PUT
    @Path("{id}")
    @Transactional
    @Operation(summary = "Change an activity before it is under way",
            description = "Needs If-Match with the ETag read. Capacity cannot drop below the places taken; a larger "
                    + "capacity promotes from the waiting list. A published activity's ActivityPublished is sent "
                    + "again (the latest holds).")
    public Response update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid ActivityRequest request) {
        long expected = Preconditions.requiredVersion(ifMatch);
        // Its members first, then the activity, as a sign-up locks them: one of them signing up elsewhere at the
        // same time waits for the new times, and its clash check sees them (or this one sees that sign-up).
        VolunteerMember.lockInOrder(Signup.<Signup>list("activityId = ?1 and status <> ?2", id, Signup.CANCELLED)
                .stream().map(s -> s.memberId).distinct().toList());
        Activity a = find(id, LockModeType.PESSIMISTIC_WRITE);
        Preconditions.requireVersion(a.version, expected);
        a.requireEditable();
        caller.requireWritable("associationCode", request.associationCode());
        long taken = signups.enrolledCount(a);
        if (request.capacity() < taken) {
            throw ProblemException.conflict("capacity-below-enrolled", request.capacity(), taken);
        }
        boolean booked = Signup.count("activityId = ?1 and status <> ?2", a.id, Signup.CANCELLED) > 0;
        if (booked && !a.associationCode.equals(request.associationCode())) {
            throw ProblemException.conflict("activity-has-signups");
        }
        apply(a, request);
        if (booked) {
            // New times must not double-book anyone already signed up.
            for (Signup s : Signup.<Signup>list("activityId = ?1 and status <> ?2", a.id, Signup.CANCELLED)) {
                Activity clash = signups.clash(s.memberId, a);
                if (clash != null) {
                    throw ProblemException.conflict("reschedule-overlap", clash.title);
                }
            }
        }
        signups.promote(a);
        if (a.state == Activity.State.PUBLISHED) {
            events.published(a); // the member app and publication channels show the new time, place and capacity
        }
        return Response.ok(ActivityViews.view(a)).tag(etag(a.version)).build();
    }

    @POST
    @Path("{id}/publication")
    @Consumes(MediaType.WILDCARD)
    @Transactional
    @Operation(summary = "Publish a draft: members can sign up, ActivityPublished is sent")
    public ActivityView publish(@PathParam("id") UUID id) {
        Activity a = find(id, LockModeType.PESSIMISTIC_WRITE);
        a.publish();
        events.published(a);
        return ActivityViews.view(a);
    }

    @POST
    @Path("{id}/start")
    @Consumes(MediaType.WILDCARD)
    @Transactional
    @Operation(summary = "Mark a published activity as under way (a first check-in does this too)")
    public ActivityView start(@PathParam("id") UUID id) {
        Activity a = find(id, LockModeType.PESSIMISTIC_WRITE);
        a.start();
        return ActivityViews.view(a);
    }

    @POST
    @Path("{id}/completion")
    @Transactional
    @Operation(summary = "Complete an activity and file its outcomes",
            description = "Enterprises served defaults to the enterprise beneficiaries named; economic benefit in 万元. "
                    + "ActivityCompleted carries the person-times and hours from attendance.")
    public ActivityView complete(@PathParam("id") UUID id, @NotNull @Valid ActivityRequests.Outcomes r) {
        if (r.suggestionsAdopted() != null
                && r.suggestionsAdopted() > (r.suggestionsMade() == null ? 0 : r.suggestionsMade())) {
            throw ProblemException.invalidField("suggestionsAdopted", "events.adopted-above-made");
        }
        Activity a = find(id, LockModeType.PESSIMISTIC_WRITE);
        int enterprises = r.enterprisesServed() != null ? r.enterprisesServed()
                : (int) a.beneficiaries.stream().filter(b -> "ENTERPRISE".equals(b.kind())).count();
        a.complete(new Activity.Outcomes(enterprises, zero(r.problemsSolved()), zero(r.suggestionsMade()),
                zero(r.suggestionsAdopted()), zero(r.peopleReached()),
                r.economicBenefit() == null ? BigDecimal.ZERO.setScale(2) : r.economicBenefit().setScale(2)));
        attendances.announceCompletion(a);
        return ActivityViews.view(a);
    }

    @POST
    @Path("{id}/cancellation")
    @Transactional
    @Operation(summary = "Cancel an activity; every sign-up is cancelled and ActivityCancelled names the members")
    public ActivityView cancel(@PathParam("id") UUID id, @NotNull @Valid ActivityRequests.Reason r) {
        Activity a = find(id, LockModeType.PESSIMISTIC_WRITE);
        a.cancel(r.reason().strip());
        List<UUID> affected = signups.cancelAll(a, SignupReasons.activityCancelled(a.cancelReason));
        if (a.publishedAt != null) { // a draft was never announced
            events.cancelled(a, affected);
        }
        return ActivityViews.view(a);
    }

    private static int zero(Integer value) {
        return value == null ? 0 : value;
    }

    private void apply(Activity a, ActivityRequest r) {
        if (!Activity.KINDS.contains(r.kind())) {
            throw ProblemException.invalidField("kind", "events.kind-unknown");
        }
        // PostgreSQL keeps times to the microsecond: compare them as they will be stored
        Instant startsAt = r.startsAt().toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Instant endsAt = r.endsAt().toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        if (!endsAt.isAfter(startsAt)) {
            throw ProblemException.invalidField("endsAt", "events.ends-before-start");
        }
        // An activity is an occasion, not a standing programme (that is a team's); a longer window would also let one
        // attendance count more hours than a record holds.
        if (endsAt.isAfter(startsAt.plus(java.time.Duration.ofDays(Activity.MAX_DAYS)))) {
            throw ProblemException.invalidField("endsAt", "events.activity-too-long");
        }
        List<Activity.Beneficiary> beneficiaries = new ArrayList<>();
        if (r.beneficiaries() != null) {
            for (int i = 0; i < r.beneficiaries().size(); i++) {
                var b = r.beneficiaries().get(i);
                boolean enterprise = "ENTERPRISE".equals(b.kind());
                if (enterprise && (b.creditCode() == null || b.creditCode().isBlank())) {
                    throw ProblemException.invalidField("beneficiaries[" + i + "].creditCode",
                            "events.credit-code-required");
                }
                beneficiaries.add(new Activity.Beneficiary(b.kind(), b.name().strip(),
                        enterprise ? b.creditCode().strip().toUpperCase() : null));
            }
        }
        var teamIds = new LinkedHashSet<UUID>(r.teamIds() == null ? List.of() : r.teamIds());
        if (!teamIds.isEmpty()) {
            long known = ServiceTeam.count("id in ?1 and associationCode like ?2", teamIds, caller.scope().likePattern());
            if (known != teamIds.size()) {
                throw ProblemException.invalidField("teamIds", "events.team-unknown");
            }
        }
        a.associationCode = r.associationCode();
        a.kind = r.kind();
        a.title = r.title().strip();
        a.description = r.description() == null ? null : r.description().strip();
        a.startsAt = startsAt;
        a.endsAt = endsAt;
        a.place = r.place().strip();
        a.capacity = r.capacity();
        a.teamIds.clear();
        a.teamIds.addAll(teamIds);
        a.beneficiaries.clear();
        a.beneficiaries.addAll(beneficiaries);
    }

    private Activity find(UUID id, LockModeType lock) {
        return inScope(caller, id, lock);
    }

    /** The activity when it lies in the caller's scope, else 404; locked only once it is known to be in scope. */
    static Activity inScope(Caller caller, UUID id, LockModeType lock) {
        Activity a = caller.inScope(Activity.<Activity>findById(id), x -> x.associationCode, "activity");
        if (lock == LockModeType.PESSIMISTIC_WRITE) {
            Signups.lock(a);
        }
        return a;
    }
}
