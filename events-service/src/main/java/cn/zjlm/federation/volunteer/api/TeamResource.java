package cn.zjlm.federation.volunteer.api;

import cn.zjlm.federation.commons.api.ResultPage;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.identity.AssociationCode;
import cn.zjlm.federation.commons.identity.ValidAssociationCode;
import cn.zjlm.federation.commons.idempotency.IdempotentRequests;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import cn.zjlm.federation.volunteer.domain.ServiceTeam;
import cn.zjlm.federation.volunteer.domain.Signups;
import cn.zjlm.federation.volunteer.domain.TeamMember;
import cn.zjlm.federation.volunteer.domain.VolunteerMember;
import io.quarkus.panache.common.Parameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Volunteer service teams (服务队) and their members. */
@Path("/api/v1/events/teams")
@Tag(name = "Service teams 服务队")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
public class TeamResource {
    @Inject
    Caller caller;

    @Inject
    IdempotentRequests idempotency;

    @Inject
    EntityManager em;

    public record TeamRequest(@NotBlank @ValidAssociationCode String associationCode,
            @NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 40) String specialty, UUID leaderId) {
    }

    public record TeamMemberView(UUID memberId, String name, String associationCode, Instant joinedAt,
            Instant leftAt, String leftReason) {
    }

    public record TeamView(UUID id, String associationCode, String name, String specialty, UUID leaderId,
            long activeMembers, List<TeamMemberView> members, long version) {
    }


    @POST
    @Operation(summary = "Form a team", description = "Specialty: TECHNICAL_BREAKTHROUGH (技术攻坚), HEALTH (健康惠民), "
            + "EDUCATION (美好教育), CULTURE_TOURISM (文旅共富), CHARITY (公益爱心), TECHNICAL_SERVICE (技术服务), "
            + "LECTURE (宣讲). A leader joins the team. Takes an Idempotency-Key.")
    public Response create(@HeaderParam(IdempotentRequests.HEADER) String key, @NotNull @Valid TeamRequest request) {
        caller.requireWritable("associationCode", request.associationCode());
        if (!ServiceTeam.SPECIALTIES.contains(request.specialty())) {
            throw ProblemException.invalidField("specialty", "events.specialty-unknown");
        }
        return idempotency.run(key, "POST /teams", request, () -> {
            if (ServiceTeam.count("associationCode = ?1 and lower(name) = lower(?2)", request.associationCode(),
                    request.name().strip()) > 0) {
                throw ProblemException.conflict("duplicate");
            }
            ServiceTeam t = new ServiceTeam();
            t.id = UUID.randomUUID();
            t.associationCode = request.associationCode();
            t.name = request.name().strip();
            t.specialty = request.specialty();
            t.createdBy = caller.username();
            t.createdAt = Instant.now();
            t.persist();
            if (request.leaderId() != null) {
                join(t, memberFor(t, request.leaderId(), "leaderId"));
                t.leaderId = request.leaderId();
            }
            return Response.status(201).entity(view(t)).build();
        });
    }

    @GET
    @Operation(summary = "Teams in the caller's scope, by name")
    public ResultPage<TeamView> list(@QueryParam("specialty") String specialty,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(ResultPage.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        String q = "associationCode like :scope" + (specialty == null ? "" : " and specialty = :specialty");
        Parameters p = Parameters.with("scope", caller.scope().likePattern());
        if (specialty != null) {
            p.and("specialty", specialty);
        }
        var query = ServiceTeam.<ServiceTeam>find(q + " order by name, id", p);
        List<ServiceTeam> teams = query.page(page, size).list();
        Map<UUID, Long> counts = new HashMap<>();
        if (!teams.isEmpty()) {
            for (Object[] r : em.createQuery("select t.teamId, count(t) from TeamMember t where t.teamId in ?1 "
                    + "and t.leftAt is null group by t.teamId", Object[].class)
                    .setParameter(1, teams.stream().map(t -> t.id).toList()).getResultList()) {
                counts.put((UUID) r[0], (Long) r[1]);
            }
        }
        return new ResultPage<>(teams.stream().map(t -> new TeamView(t.id, t.associationCode, t.name, t.specialty,
                t.leaderId, counts.getOrDefault(t.id, 0L), null, t.version)).toList(), page, size, query.count());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A team with its members, past ones included")
    public TeamView get(@PathParam("id") UUID id) {
        return view(find(id, LockModeType.NONE));
    }

    public record Joining(@NotNull UUID memberId) {
    }

    @POST
    @Path("{id}/members")
    @Transactional
    @Operation(summary = "Add a member of the team's association (or below) to the team")
    public TeamView addMember(@PathParam("id") UUID id, @NotNull @Valid Joining request) {
        ServiceTeam t = find(id, LockModeType.PESSIMISTIC_WRITE);
        VolunteerMember m = memberFor(t, request.memberId(), "memberId");
        Signups.requireAlive(m);
        if (TeamMember.count("teamId = ?1 and memberId = ?2 and leftAt is null", t.id, m.memberId) > 0) {
            throw ProblemException.conflict("duplicate");
        }
        join(t, m);
        return view(t);
    }

    @POST
    @Path("{id}/members/{memberId}/departure")
    @Transactional
    @Operation(summary = "A member leaves the team; their time in it stays on record")
    public TeamView removeMember(@PathParam("id") UUID id, @PathParam("memberId") UUID memberId,
            @NotNull @Valid ActivityRequests.Reason request) {
        ServiceTeam t = find(id, LockModeType.PESSIMISTIC_WRITE);
        TeamMember tm = TeamMember.<TeamMember>find("teamId = ?1 and memberId = ?2 and leftAt is null", t.id, memberId)
                .firstResultOptional().orElseThrow(() -> ProblemException.notFound("team member"));
        tm.leftAt = Instant.now();
        tm.leftReason = request.reason().strip();
        if (memberId.equals(t.leaderId)) {
            t.leaderId = null;
        }
        return view(t);
    }

    private static void join(ServiceTeam t, VolunteerMember m) {
        TeamMember tm = new TeamMember();
        tm.id = UUID.randomUUID();
        tm.teamId = t.id;
        tm.memberId = m.memberId;
        tm.joinedAt = Instant.now();
        tm.persist();
    }

    private VolunteerMember memberFor(ServiceTeam t, UUID memberId, String field) {
        VolunteerMember m = VolunteerMember.findById(memberId);
        if (m == null || !AssociationCode.covers(t.associationCode, m.associationCode)
                || !caller.scope().covers(m.associationCode)) {
            throw ProblemException.invalidField(field, "events.member-outside-team");
        }
        return m;
    }

    private TeamView view(ServiceTeam t) {
        PendingWrites.flush();
        List<TeamMemberView> members = new ArrayList<>();
        for (Object[] r : em.createQuery("select m.memberId, m.name, m.associationCode, t.joinedAt, t.leftAt, "
                + "t.leftReason from TeamMember t join VolunteerMember m on m.memberId = t.memberId where t.teamId = ?1 "
                + "order by t.leftAt nulls first, t.joinedAt, m.name", Object[].class).setParameter(1, t.id)
                .getResultList()) {
            members.add(new TeamMemberView((UUID) r[0], (String) r[1], (String) r[2], (Instant) r[3], (Instant) r[4],
                    (String) r[5]));
        }
        return new TeamView(t.id, t.associationCode, t.name, t.specialty, t.leaderId,
                members.stream().filter(x -> x.leftAt() == null).count(), members, t.version);
    }

    private ServiceTeam find(UUID id, LockModeType lock) {
        return caller.inScope(ServiceTeam.<ServiceTeam>findById(id, lock), t -> t.associationCode, "team");
    }
}
