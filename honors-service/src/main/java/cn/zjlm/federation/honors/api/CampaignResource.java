package cn.zjlm.federation.honors.api;

import cn.zjlm.federation.commons.error.Problem;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import cn.zjlm.federation.honors.domain.Campaign;
import cn.zjlm.federation.honors.domain.Campaigns;
import cn.zjlm.federation.honors.domain.Nominations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/honors/campaigns")
@Tag(name = "Campaigns 评选活动")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Invalid input, with a reason per field",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CampaignResource {
    @Inject
    Campaigns campaigns;

    @Inject
    Nominations nominations;

    @Inject
    Caller caller;

    @Inject
    UriInfo uriInfo;

    @POST
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN})
    @Operation(summary = "Open a campaign (发布评选)", description = "Honour type, year, places and a quota per "
            + "association (not nested; summing to at most the total), nomination window, review deadlines, "
            + "public-notice length in working days and eligibility rules. National and provincial titles are "
            + "organised by the province, a city's own titles by that city.")
    @APIResponse(responseCode = "201", description = "Created")
    public Response create(@NotNull @Valid CampaignRequest request) {
        Campaign c = campaigns.create(request, caller.scope(), caller.username());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(c.id.toString()).build()).entity(view(c)).build();
    }

    @GET
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.REVIEWER})
    @Operation(summary = "Campaigns organised in the caller's scope or above it")
    public List<CampaignView> list(@QueryParam("year") @Min(1950) @Max(2200) Integer year) {
        List<Campaign> found = campaigns.list(caller.scope(), year);
        Campaigns.Details details = campaigns.details(found.stream().map(c -> c.id).toList());
        return found.stream().map(c -> CampaignView.of(c, details)).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.REVIEWER})
    @Operation(summary = "One campaign with its quotas (places and places taken) and rules")
    public CampaignView get(@PathParam("id") UUID id) {
        return view(campaigns.find(id, caller.scope()).orElseThrow(() -> ProblemException.notFound("campaign")));
    }

    public record NoticeRequest(@Schema(description = "First day of the notice; default today") LocalDate startsOn) {
    }

    @POST
    @Path("{id}/public-notice")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN})
    @Operation(summary = "Start the public notice (公示) of every reviewed nomination",
            description = "Organiser's administrators only. The notice lasts the campaign's number of working "
                    + "days (weekends and public holidays from the calendar skipped).")
    public List<NominationView> startNotice(@PathParam("id") UUID id, @Valid NoticeRequest request) {
        return nominations.startNotice(id, request == null ? null : request.startsOn(), caller).stream()
                .map(NominationView::summary).toList();
    }

    public record ConferralRequest(@Schema(description = "Date of conferral; default today") LocalDate conferredOn) {
    }

    @POST
    @Path("{id}/conferral")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN})
    @Operation(summary = "Confer the honour (授予) on every approved nomination",
            description = "Issues certificate numbers and publishes HonorConferred: member-service adds the honour "
                    + "(or registers the new person), care-service opens the one-time award.")
    public List<NominationView> confer(@PathParam("id") UUID id, @Valid ConferralRequest request) {
        return nominations.confer(id, request == null ? null : request.conferredOn(), caller).stream()
                .map(NominationView::summary).toList();
    }

    private CampaignView view(Campaign c) {
        return CampaignView.of(c, campaigns.details(List.of(c.id)));
    }
}
