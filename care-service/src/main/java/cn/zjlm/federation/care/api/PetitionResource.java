package cn.zjlm.federation.care.api;

import cn.zjlm.federation.commons.api.ResultPage;
import cn.zjlm.federation.commons.time.ChinaTime;
import static cn.zjlm.federation.commons.error.Preconditions.etag;

import cn.zjlm.federation.care.domain.Petition;
import cn.zjlm.federation.care.domain.PetitionPolicy;
import cn.zjlm.federation.commons.error.Preconditions;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.idempotency.IdempotentRequests;
import cn.zjlm.federation.commons.identity.ValidAssociationCode;
import cn.zjlm.federation.commons.identity.ValidPhone;
import cn.zjlm.federation.commons.pii.Masking;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import io.quarkus.panache.common.Parameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Letters, visits and calls (来信来访来电): "件件有回复" — each gets a reply by the deadline its policy sets. */
@Path("/api/v1/care/petitions")
@Tag(name = "Letters, visits and calls 来信来访来电")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
public class PetitionResource {
    @Inject
    Caller caller;

    @Inject
    PiiCipher cipher;

    @Inject
    IdempotentRequests idempotency;

    public record PetitionRequest(@NotBlank @ValidAssociationCode String associationCode,
            @NotBlank @Pattern(regexp = "LETTER|VISIT|CALL|ONLINE") String channel,
            @NotBlank @Pattern(regexp = "[A-Z_]{2,40}") String category,
            UUID memberId,
            @NotBlank @Size(max = 50) String petitionerName,
            @ValidPhone String phone,
            @NotBlank @Size(max = 4000) String summary,
            @NotNull LocalDate receivedOn) {
    }

    public record Assignment(@NotBlank @Size(max = 100) String assignee) {
    }

    public record Reply(@NotBlank @Size(max = 4000) String reply) {
    }

    public record PetitionView(UUID id, String associationCode, String channel, String category, UUID memberId,
            String petitionerName, String phoneMasked, String summary, LocalDate receivedOn, LocalDate replyDue,
            boolean overdue, String assignee, String status, String reply, LocalDate repliedOn, String repliedBy,
            String createdBy, Instant createdAt, long version) {
        static PetitionView of(Petition p) {
            return new PetitionView(p.id, p.associationCode, p.channel, p.category, p.memberId, p.petitionerName,
                    p.contactMasked, p.summary, p.receivedOn, p.replyDue, p.isOverdue(ChinaTime.today()), p.assignee,
                    p.status, p.reply, p.repliedOn, p.repliedBy, p.createdBy, p.createdAt, p.version);
        }
    }


    @POST
    @Operation(summary = "Register a letter, visit or call",
            description = "The reply deadline follows the category's policy in force on the day it was received. "
                    + "The phone is stored encrypted and shown masked. Takes an Idempotency-Key.")
    public Response register(@HeaderParam(IdempotentRequests.HEADER) String key,
            @NotNull @Valid PetitionRequest request) {
        caller.requireWritable("associationCode", request.associationCode());
        // not @PastOrPresent: "today" is Beijing time, whatever the server's zone
        if (request.receivedOn().isAfter(ChinaTime.today())) {
            throw ProblemException.invalidField("receivedOn", "care.petition-received-future");
        }
        PetitionPolicy policy = PetitionPolicy.inForce(request.category(), request.receivedOn())
                .orElseThrow(() -> ProblemException.invalidField("category", "care.petition-category-unknown"));
        return idempotency.run(key, "POST /petitions", request, () -> {
            Petition p = new Petition();
            p.id = UUID.randomUUID();
            p.associationCode = request.associationCode();
            p.channel = request.channel();
            p.category = request.category();
            p.memberId = request.memberId();
            p.petitionerName = request.petitionerName().strip();
            if (request.phone() != null) {
                p.contactCipher = cipher.encrypt(request.phone());
                p.contactMasked = Masking.phone(request.phone());
            }
            p.summary = request.summary().strip();
            p.receivedOn = request.receivedOn();
            p.replyDue = request.receivedOn().plusDays(policy.replyDays);
            p.policyId = policy.id;
            p.status = "RECEIVED";
            p.createdBy = caller.username();
            p.createdAt = Instant.now();
            p.persistAndFlush();
            return Response.status(201).entity(PetitionView.of(p)).tag(etag(p.version)).build();
        });
    }

    @GET
    @Operation(summary = "Petitions in scope; overdue=true lists open ones past their deadline, oldest first")
    public ResultPage<PetitionView> list(@QueryParam("status") @Pattern(regexp = "RECEIVED|ASSIGNED|REPLIED") String status,
            @QueryParam("overdue") @DefaultValue("false") boolean overdue,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(ResultPage.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        StringBuilder q = new StringBuilder("associationCode like :scope");
        Parameters p = Parameters.with("scope", caller.scope().likePattern());
        if (status != null) {
            q.append(" and status = :status");
            p.and("status", status);
        }
        if (overdue) {
            q.append(" and status <> 'REPLIED' and replyDue < :today");
            p.and("today", ChinaTime.today());
        }
        var query = Petition.<Petition>find(q + (overdue ? " order by replyDue, id" : " order by receivedOn desc, id"), p);
        return ResultPage.of(query, page, size, PetitionView::of);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One petition")
    public Response get(@PathParam("id") UUID id) {
        Petition p = find(id);
        return Response.ok(PetitionView.of(p)).tag(etag(p.version)).build();
    }

    @POST
    @Path("{id}/assignment")
    @Operation(summary = "Assign (or re-assign) a petition to the person who answers it")
    public Response assign(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(IdempotentRequests.HEADER) String key, @NotNull @Valid Assignment request) {
        return idempotency.run(key, "POST /petitions/" + id + "/assignment", request, () -> {
            Petition p = find(id);
            Preconditions.requireVersion(p.version, Preconditions.optionalVersion(ifMatch));
            if ("REPLIED".equals(p.status)) {
                throw ProblemException.conflict("petition-replied");
            }
            p.assignee = request.assignee().strip();
            p.status = "ASSIGNED";
            Petition.flush();
            return Response.ok(PetitionView.of(p)).tag(etag(p.version)).build();
        });
    }

    @POST
    @Path("{id}/reply")
    @Operation(summary = "Record the reply (答复); the petition counts as replied on time when within its deadline")
    public Response reply(@PathParam("id") UUID id, @HeaderParam(IdempotentRequests.HEADER) String key,
            @NotNull @Valid Reply request) {
        return idempotency.run(key, "POST /petitions/" + id + "/reply", request, () -> {
            Petition p = find(id);
            if ("REPLIED".equals(p.status)) {
                throw ProblemException.conflict("petition-replied");
            }
            p.reply = request.reply().strip();
            p.repliedOn = ChinaTime.today();
            p.repliedBy = caller.username();
            p.status = "REPLIED";
            Petition.flush();
            return Response.ok(PetitionView.of(p)).tag(etag(p.version)).build();
        });
    }

    /** Received, replied, replied within the deadline and its share (件件有回复), open and overdue. */
    public record Statistics(int year, long received, long replied, long repliedOnTime, BigDecimal onTimeShare,
            long open, long overdue) {
    }

    @GET
    @Path("statistics")
    @Operation(summary = "The year's petitions in scope: replied, replied on time and the share, open, overdue")
    public Statistics statistics(@QueryParam("year") @NotNull @Min(2000) @Max(2100) Integer year) {
        Object[] row = Petition.find("select count(*), "
                + "coalesce(sum(case when status = 'REPLIED' then 1 else 0 end), 0), "
                + "coalesce(sum(case when status = 'REPLIED' and repliedOn <= replyDue then 1 else 0 end), 0), "
                + "coalesce(sum(case when status <> 'REPLIED' and replyDue < ?3 then 1 else 0 end), 0) "
                + "from Petition where associationCode like ?1 and year(receivedOn) = ?2",
                caller.scope().likePattern(), year, ChinaTime.today()).project(Object[].class).firstResult();
        long received = ((Number) row[0]).longValue();
        long replied = ((Number) row[1]).longValue();
        long onTime = ((Number) row[2]).longValue();
        BigDecimal share = replied == 0 ? null
                : BigDecimal.valueOf(onTime).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(replied), 1,
                        RoundingMode.HALF_UP);
        return new Statistics(year, received, replied, onTime, share, received - replied, ((Number) row[3]).longValue());
    }

    private Petition find(UUID id) {
        return caller.inScope(Petition.<Petition>findById(id), p -> p.associationCode, "petition");
    }
}
