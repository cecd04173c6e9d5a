package cn.zjlm.federation.honors.api;

import cn.zjlm.federation.commons.time.ChinaTime;
import cn.zjlm.federation.commons.error.Problem;
import cn.zjlm.federation.commons.identity.PersonName;
import cn.zjlm.federation.commons.identity.ValidPhone;
import cn.zjlm.federation.honors.domain.Campaign;
import cn.zjlm.federation.honors.domain.HonourType;
import cn.zjlm.federation.honors.domain.Nomination;
import cn.zjlm.federation.honors.domain.NominationState;
import cn.zjlm.federation.honors.domain.Nominations;
import cn.zjlm.federation.honors.domain.Objection;
import cn.zjlm.federation.honors.domain.Objections;
import io.quarkus.panache.common.Parameters;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public notice (公示) and objections to it: open to anyone, without login. */
@Path("/api/v1/public/honors/notices")
@Tag(name = "Public notice 公示")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public class PublicNoticeResource {
    @Inject
    Objections objections;

    /** Only what the public needs: name, employer, honour and notice period. */
    public record NoticeEntry(UUID nominationId, String name, String employer, String honour, String campaign,
            LocalDate noticeStarts, LocalDate noticeEnds) {
    }

    @GET
    @Operation(summary = "Nominations on public notice now", description = "Name, employer, honour and period only.")
    public List<NoticeEntry> list(@QueryParam("campaignId") UUID campaignId) {
        LocalDate today = ChinaTime.today();
        Parameters p = Parameters.with("state", NominationState.PUBLIC_NOTICE).and("today", today);
        String q = "state = :state and noticeStarts <= :today and noticeEnds >= :today";
        if (campaignId != null) {
            q += " and campaignId = :campaign";
            p.and("campaign", campaignId);
        }
        // one campaign and honour name per campaign, not per row
        Map<UUID, String[]> honours = new HashMap<>();
        return Nomination.<Nomination>list(q + " order by campaignId, associationCode, nomineeName", p).stream()
                .map(n -> {
                    String[] honour = honours.computeIfAbsent(n.campaignId, key -> {
                        Campaign c = Campaign.findById(key);
                        return new String[] {HonourType.<HonourType>findById(c.honourType).name, c.title};
                    });
                    return new NoticeEntry(n.id, n.nomineeName, n.employer, honour[0], honour[1], n.noticeStarts,
                            n.noticeEnds);
                }).toList();
    }

    @Schema(name = "ObjectionRequest")
    public record ObjectionRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = PersonName.PATTERN, message = "{person-name.invalid}")
            String contactName,
            @Schema(description = "For the investigators to reach you; stored encrypted") @NotBlank @ValidPhone
            String contactPhone,
            @Schema(description = "What you object to and why") @NotBlank @Size(min = 10, max = 4000) String content) {
    }

    public record ObjectionReceipt(UUID objectionId, Instant filedAt, String status) {
    }

    @POST
    @Path("{nominationId}/objections")
    @Operation(summary = "File an objection (提出异议) while the notice runs",
            description = "Rate-limited per source address (429 with Retry-After).")
    @APIResponse(responseCode = "201", description = "Filed; reviewers will investigate")
    @APIResponse(responseCode = "429", description = "Too many objections from this address; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response file(@PathParam("nominationId") UUID nominationId, @NotNull @Valid ObjectionRequest request,
            @Context HttpServerRequest http) {
        Objection o = objections.file(nominationId, request.contactName(), request.contactPhone(), request.content(),
                clientAddress(http));
        return Response.status(201).entity(new ObjectionReceipt(o.id, o.filedAt, o.status)).build();
    }

    /** The caller's address: the gateway's X-Forwarded-For (services are reachable only through it). */
    static String clientAddress(HttpServerRequest http) {
        String forwarded = http.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].strip();
        }
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
