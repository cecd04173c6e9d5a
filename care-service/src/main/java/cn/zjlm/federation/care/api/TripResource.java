package cn.zjlm.federation.care.api;

import cn.zjlm.federation.commons.events.MemberReasons;
import cn.zjlm.federation.commons.time.ChinaTime;
import cn.zjlm.federation.care.domain.CareMember;
import cn.zjlm.federation.care.domain.Trip;
import cn.zjlm.federation.care.domain.TripEnrolment;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.idempotency.IdempotentRequests;
import cn.zjlm.federation.commons.identity.ValidAssociationCode;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Recuperation trips (疗休养): batches, a priority list, enrolment up to capacity with a waiting list. */
@Path("/api/v1/care")
@Tag(name = "Recuperation trips 疗休养")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
public class TripResource {
    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    @Inject
    IdempotentRequests idempotency;

    public record TripRequest(@NotBlank @ValidAssociationCode String associationCode,
            @NotBlank @Size(max = 200) String route, @NotBlank @Size(max = 50) String batch,
            @NotNull LocalDate startsOn, @NotNull LocalDate endsOn, @NotNull @Min(1) @Max(1000) Integer capacity,
            @Min(0) @Max(10) Integer restYears) {
    }

    public record Place(UUID memberId, String name, String status, int position) {
    }

    public record TripView(UUID id, String associationCode, String route, String batch, LocalDate startsOn,
            LocalDate endsOn, int capacity, int restYears, List<Place> enrolled, List<Place> waiting) {
    }

    @POST
    @Path("trips")
    @Operation(summary = "Set up a trip batch (route, dates, capacity)", description = "Takes an Idempotency-Key.")
    public Response create(@HeaderParam(IdempotentRequests.HEADER) String key, @NotNull @Valid TripRequest request) {
        caller.requireWritable("associationCode", request.associationCode());
        if (request.endsOn().isBefore(request.startsOn())) {
            throw ProblemException.invalidField("endsOn", "care.trip-dates-reversed");
        }
        return idempotency.run(key, "POST /trips", request, () -> {
            Trip t = new Trip();
            t.id = UUID.randomUUID();
            t.associationCode = request.associationCode();
            t.route = request.route().strip();
            t.batch = request.batch().strip();
            t.startsOn = request.startsOn();
            t.endsOn = request.endsOn();
            t.capacity = request.capacity();
            t.restYears = request.restYears() == null ? 3 : request.restYears();
            t.createdBy = caller.username();
            t.createdAt = Instant.now();
            t.persist();
            return Response.status(201).entity(view(t)).build();
        });
    }

    @GET
    @Path("trips/{id}")
    @Operation(summary = "A trip with its enrolled members and waiting list (in order)")
    public TripView get(@PathParam("id") UUID id) {
        return view(find(id, LockModeType.NONE));
    }

    /** A candidate in priority order, and why they stand where they do. */
    public record Candidate(UUID memberId, String name, String associationCode, int age, boolean frontLine,
            boolean hardship, LocalDate lastTripEndedOn, boolean restedLongEnough) {
    }

    @GET
    @Path("trips/{id}/priority")
    @Operation(summary = "Who should go first",
            description = "Living honour holders of the trip's association and below, not yet on this trip: first "
                    + "those not on a trip within the rest period, then front-line workers and farmers and those with "
                    + "approved hardship help (困难) in the last two years, then the oldest.")
    public List<Candidate> priority(@PathParam("id") UUID id) {
        Trip t = find(id, LockModeType.NONE);
        LocalDate today = ChinaTime.today();
        List<Candidate> out = new ArrayList<>();
        for (Object r : em.createNativeQuery("""
                with candidate as (
                    select m.member_id, m.name, m.association_code, m.birth_date,
                           coalesce(m.sector in ('FRONTLINE_WORKER', 'FARMER'), false) as front_line,
                           exists (select 1 from care_case c where c.member_id = m.member_id
                                   and c.programme_code in ('HARDSHIP_TOPUP', 'SPECIAL_HARDSHIP')
                                   and c.state in ('APPROVED', 'PAID') and c.year >= :since) as hardship,
                           (select max(o.ends_on) from trip_enrolment e join trip o on o.id = e.trip_id
                             where e.member_id = m.member_id and e.status = 'ENROLLED' and o.id <> :trip) as last_trip
                      from care_member m
                     where m.association_code like :scope and m.status <> 'DECEASED'
                       and jsonb_path_exists(m.honours, '$[*] ? (@.revokedOn == null)')
                       and not exists (select 1 from trip_enrolment e where e.trip_id = :trip
                                       and e.member_id = m.member_id and e.status <> 'CANCELLED'))
                select member_id, name, association_code, birth_date, front_line, hardship, last_trip
                  from candidate
                 order by last_trip > :restSince nulls first, (front_line or hardship) desc, birth_date, member_id
                 limit 500""")
                .setParameter("scope", cn.zjlm.federation.commons.identity.AssociationCode.scopePattern(t.associationCode))
                .setParameter("trip", t.id).setParameter("since", today.getYear() - 1)
                .setParameter("restSince", today.minusYears(t.restYears)).getResultList()) {
            Object[] row = (Object[]) r;
            LocalDate last = Rows.date(row[6]);
            out.add(new Candidate((UUID) row[0], (String) row[1], (String) row[2],
                    Period.between(Rows.date(row[3]), today).getYears(), Boolean.TRUE.equals(row[4]),
                    Boolean.TRUE.equals(row[5]), last, last == null || !last.isAfter(today.minusYears(t.restYears))));
        }
        return out;
    }

    public record EnrolmentRequest(@NotNull UUID memberId) {
    }

    @POST
    @Path("trips/{id}/enrolments")
    @Operation(summary = "Enrol a member: a place while capacity lasts, else the waiting list",
            description = "Takes an Idempotency-Key.")
    public Response enrol(@PathParam("id") UUID id, @HeaderParam(IdempotentRequests.HEADER) String key,
            @NotNull @Valid EnrolmentRequest request) {
        return idempotency.run(key, "POST /trips/" + id + "/enrolments", request, () -> {
            Trip t = find(id, LockModeType.PESSIMISTIC_WRITE); // serialises enrolments: capacity holds
            CareMember m = CareMember.<CareMember>findByIdOptional(request.memberId())
                    .filter(x -> cn.zjlm.federation.commons.identity.AssociationCode.covers(t.associationCode,
                            x.associationCode) && caller.scope().covers(x.associationCode))
                    .orElseThrow(() -> ProblemException.notFound("member"));
            if (m.isDeceased()) {
                throw new ProblemException(422, "not-eligible",
                        MemberReasons.deceased(m.deceasedOn));
            }
            if (TripEnrolment.count("tripId = ?1 and memberId = ?2 and status <> 'CANCELLED'", t.id, m.memberId) > 0) {
                throw ProblemException.conflict("trip-enrolled");
            }
            TripEnrolment e = new TripEnrolment();
            e.id = UUID.randomUUID();
            e.tripId = t.id;
            e.memberId = m.memberId;
            e.status = TripEnrolment.count("tripId = ?1 and status = 'ENROLLED'", t.id) < t.capacity ? "ENROLLED"
                    : "WAITING";
            e.enrolledAt = Instant.now();
            e.enrolledBy = caller.username();
            e.persist();
            return Response.status(201).entity(view(t)).build();
        });
    }

    public record Withdrawal(@NotBlank @Size(max = 500) String reason) {
    }

    @POST
    @Path("trips/{id}/enrolments/{memberId}/withdrawal")
    @Operation(summary = "Withdraw a member; the first on the waiting list takes the place")
    public Response withdraw(@PathParam("id") UUID id, @PathParam("memberId") UUID memberId,
            @HeaderParam(IdempotentRequests.HEADER) String key, @NotNull @Valid Withdrawal request) {
        return idempotency.run(key, "POST /trips/" + id + "/enrolments/" + memberId + "/withdrawal", request, () -> {
            Trip t = find(id, LockModeType.PESSIMISTIC_WRITE);
            TripEnrolment e = TripEnrolment.<TripEnrolment>find("tripId = ?1 and memberId = ?2 and status <> 'CANCELLED'",
                    t.id, memberId).firstResultOptional().orElseThrow(() -> ProblemException.notFound("enrolment"));
            boolean hadPlace = "ENROLLED".equals(e.status);
            e.status = "CANCELLED";
            e.reason = request.reason().strip();
            if (hadPlace) {
                TripEnrolment.<TripEnrolment>find("tripId = ?1 and status = 'WAITING' order by enrolledAt, id", t.id)
                        .firstResultOptional().ifPresent(next -> next.status = "ENROLLED");
            }
            TripEnrolment.flush();
            return Response.ok(view(t)).build();
        });
    }

    public record TripHistory(UUID tripId, String route, String batch, LocalDate startsOn, LocalDate endsOn,
            String status, String reason) {
    }

    @GET
    @Path("members/{memberId}/trips")
    @Operation(summary = "A member's trips: taken, waiting, withdrawn")
    public List<TripHistory> history(@PathParam("memberId") UUID memberId) {
        CareMember m = caller.inScope(CareMember.<CareMember>findById(memberId), x -> x.associationCode, "member");
        List<TripHistory> out = new ArrayList<>();
        for (Object r : em.createNativeQuery("select t.id, t.route, t.batch, t.starts_on, t.ends_on, e.status, e.reason "
                + "from trip_enrolment e join trip t on t.id = e.trip_id where e.member_id = ?1 order by t.starts_on desc")
                .setParameter(1, m.memberId).getResultList()) {
            Object[] row = (Object[]) r;
            out.add(new TripHistory((UUID) row[0], (String) row[1], (String) row[2], Rows.date(row[3]), Rows.date(row[4]),
                    (String) row[5], (String) row[6]));
        }
        return out;
    }

    private TripView view(Trip t) {
        List<Place> enrolled = new ArrayList<>();
        List<Place> waiting = new ArrayList<>();
        for (Object r : em.createNativeQuery("select e.member_id, m.name, e.status from trip_enrolment e "
                + "join care_member m on m.member_id = e.member_id where e.trip_id = ?1 and e.status <> 'CANCELLED' "
                + "order by e.enrolled_at, e.id").setParameter(1, t.id).getResultList()) {
            Object[] row = (Object[]) r;
            List<Place> list = "ENROLLED".equals(row[2]) ? enrolled : waiting;
            list.add(new Place((UUID) row[0], (String) row[1], (String) row[2], list.size() + 1));
        }
        return new TripView(t.id, t.associationCode, t.route, t.batch, t.startsOn, t.endsOn, t.capacity, t.restYears,
                enrolled, waiting);
    }

    private Trip find(UUID id, LockModeType lock) {
        return caller.inScope(Trip.<Trip>findById(id, lock), t -> t.associationCode, "trip");
    }
}
