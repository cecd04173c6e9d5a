package cn.zjlm.federation.honors.api;

import cn.zjlm.federation.commons.error.Problem;
import cn.zjlm.federation.commons.identity.PersonName;
import cn.zjlm.federation.commons.identity.ValidAssociationCode;
import cn.zjlm.federation.commons.identity.ValidCreditCode;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import cn.zjlm.federation.honors.domain.Studio;
import cn.zjlm.federation.honors.domain.Studios;
import io.quarkus.panache.common.Parameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/honors/studios")
@Tag(name = "Studios and homes 创新工作室与劳模工匠之家")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Invalid input, with a reason per field",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class StudioResource {
    private static final String KIND = "INNOVATION_STUDIO|CRAFTSMAN_HOME";

    @Inject
    Studios studios;

    @Inject
    Caller caller;

    @Inject
    UriInfo uriInfo;

    @Schema(name = "StudioApplication")
    public record ApplicationRequest(
            @Schema(description = "INNOVATION_STUDIO (劳模创新工作室) or CRAFTSMAN_HOME (劳模工匠之家)")
            @NotNull @Pattern(regexp = KIND, message = "{studio.kind-unknown}") String kind,
            @Schema(examples = "王伟劳模创新工作室") @NotBlank @Size(max = 200) String name,
            @ValidAssociationCode String associationCode,
            @NotBlank @Size(max = 200) String hostUnit,
            @ValidCreditCode String hostCreditCode,
            UUID leaderMemberId,
            @NotBlank @Size(max = 64) @Pattern(regexp = PersonName.PATTERN, message = "{person-name.invalid}")
            String leaderName) {
    }

    public record StudioView(UUID id, String kind, String name, String associationCode, String hostUnit,
            String hostCreditCode, UUID leaderMemberId, String leaderName, String state, Integer inspectionScore,
            Boolean inspectionPassed, String inspectedBy, String level, LocalDate namedOn, Instant createdAt,
            long version) {
        static StudioView of(Studio s) {
            return new StudioView(s.id, s.kind, s.name, s.associationCode, s.hostUnit, s.hostCreditCode,
                    s.leaderMemberId, s.leaderName, s.state, s.inspectionScore, s.inspectionPassed, s.inspectedBy,
                    s.level, s.namedOn, s.createdAt, s.version);
        }
    }

    @POST
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
    @Operation(summary = "Apply for a studio or home (申报)")
    @APIResponse(responseCode = "201", description = "Applied")
    public Response apply(@NotNull @Valid ApplicationRequest r) {
        Studio s = studios.apply(new Studios.Application(r.kind(), r.name(), r.associationCode(), r.hostUnit(),
                r.hostCreditCode(), r.leaderMemberId(), r.leaderName()), caller);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(s.id.toString()).build())
                .entity(StudioView.of(s)).build();
    }

    @GET
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.REVIEWER})
    @Operation(summary = "Studios and homes in the caller's scope")
    public List<StudioView> list(@QueryParam("kind") @Pattern(regexp = KIND) String kind,
            @QueryParam("state") @Pattern(regexp = "APPLIED|INSPECTED|NAMED|REJECTED") String state) {
        StringBuilder q = new StringBuilder("associationCode like :scope");
        Parameters p = Parameters.with("scope", caller.scope().likePattern());
        if (kind != null) {
            q.append(" and kind = :kind");
            p.and("kind", kind);
        }
        if (state != null) {
            q.append(" and state = :state");
            p.and("state", state);
        }
        return Studio.<Studio>list(q + " order by associationCode, name", p).stream().map(StudioView::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.REVIEWER})
    @Operation(summary = "One studio or home")
    public StudioView get(@PathParam("id") UUID id) {
        return StudioView.of(studios.find(id, caller.scope()));
    }

    public record ScoreRequest(@NotBlank @Size(max = 40) String criterion, @NotNull @Min(0) @Max(100) Integer score,
            @Size(max = 1000) String note) {
    }

    public record InspectionRequest(@NotNull @Size(min = 1, max = 50) List<@NotNull @Valid ScoreRequest> scores) {
    }

    @POST
    @Path("{id}/inspection")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.REVIEWER})
    @Operation(summary = "Acceptance inspection (验收)", description = "One score per checklist criterion (kept as "
            + "data, with maxima and a pass mark); by the level above the applicant, never the applicant.")
    public StudioView inspect(@PathParam("id") UUID id, @NotNull @Valid InspectionRequest r) {
        return StudioView.of(studios.inspect(id, r.scores().stream()
                .map(s -> new Studios.Score(s.criterion(), s.score(), s.note())).toList(), caller));
    }

    public record NamingRequest(@NotNull @Pattern(regexp = "NATIONAL|PROVINCIAL|CITY|COUNTY") String level) {
    }

    @POST
    @Path("{id}/naming")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN})
    @Operation(summary = "Name (命名) an inspected studio at a level no higher than the namer's")
    public StudioView name(@PathParam("id") UUID id, @NotNull @Valid NamingRequest r) {
        return StudioView.of(studios.name(id, r.level(), caller));
    }

    public record OutcomeRequest(@NotNull @Min(0) @Max(100000) Integer innovationProjects,
            @NotNull @Min(0) @Max(100000) Integer patents,
            @Schema(description = "经济效益 in 万元") @NotNull @DecimalMin("0") @DecimalMax("100000000")
            @Digits(integer = 12, fraction = 2) BigDecimal economicBenefit,
            @NotNull @Min(0) @Max(10000000) Integer peopleTrained) {
    }

    @PUT
    @Path("{id}/outcomes/{year}")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
    @Operation(summary = "File a named studio's outcomes for a year (projects, patents, benefit in 万元, trained)")
    public Response outcome(@PathParam("id") UUID id, @PathParam("year") @Min(1990) @Max(2200) int year,
            @NotNull @Valid OutcomeRequest r) {
        studios.recordOutcome(id, year, new Studios.Outcome(r.innovationProjects(), r.patents(), r.economicBenefit(),
                r.peopleTrained()), caller);
        return Response.noContent().build();
    }

    @GET
    @Path("statistics")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.REVIEWER})
    @Operation(summary = "Named studios and their outcomes per association and kind for a year, in scope")
    public List<Studios.Statistics> statistics(@QueryParam("year") @NotNull @Min(1990) @Max(2200) Integer year) {
        return studios.statistics(year, caller.scope());
    }
}
