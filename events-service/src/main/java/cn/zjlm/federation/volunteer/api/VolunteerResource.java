package cn.zjlm.federation.volunteer.api;

import cn.zjlm.federation.commons.api.ResultPage;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import cn.zjlm.federation.volunteer.domain.VolunteerMember;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/events/volunteers")
@Tag(name = "Volunteers 志愿者")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
public class VolunteerResource {
    @Inject
    Caller caller;

    public record VolunteerView(UUID memberId, String name, String associationCode, String status,
            boolean canVolunteer, long memberVersion) {
        static VolunteerView of(VolunteerMember v) {
            return new VolunteerView(v.memberId, v.name, v.associationCode, v.status, v.canVolunteer(),
                    v.memberVersion);
        }
    }


    @GET
    @Operation(summary = "Members who can be volunteers, in the caller's scope")
    public ResultPage<VolunteerView> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(ResultPage.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        var query = VolunteerMember.<VolunteerMember>find("associationCode like ?1", Sort.by("name").and("memberId"),
                caller.scope().likePattern());
        return ResultPage.of(query, page, size, VolunteerView::of);
    }

    @GET
    @Path("{memberId}")
    @Operation(summary = "One member as the volunteer service knows them")
    public VolunteerView get(@PathParam("memberId") UUID memberId) {
        return VolunteerMember.<VolunteerMember>find("memberId = ?1 and associationCode like ?2", memberId,
                caller.scope().likePattern()).firstResultOptional().map(VolunteerView::of)
                .orElseThrow(() -> ProblemException.notFound("volunteer"));
    }
}
