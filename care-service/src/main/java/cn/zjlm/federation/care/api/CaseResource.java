package cn.zjlm.federation.care.api;

import cn.zjlm.federation.commons.api.ResultPage;
import static cn.zjlm.federation.commons.error.Preconditions.etag;

import cn.zjlm.federation.care.domain.Budgets;
import cn.zjlm.federation.care.domain.CareCase;
import cn.zjlm.federation.care.domain.CareMember;
import cn.zjlm.federation.care.domain.CaseService;
import cn.zjlm.federation.care.domain.Payment;
import cn.zjlm.federation.commons.audit.AuditTrail;
import cn.zjlm.federation.commons.error.Preconditions;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.idempotency.IdempotentRequests;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Parameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
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

@Path("/api/v1/care/cases")
@Tag(name = "Cases 帮扶个案")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CaseResource {
    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    @Inject
    CaseService cases;

    @Inject
    Budgets budgets;

    @Inject
    IdempotentRequests idempotency;

    @Inject
    PiiCipher cipher;

    @Inject
    AuditTrail audit;

    @Context
    UriInfo uriInfo;


    @GET
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.FINANCE})
    @Operation(summary = "Cases in the caller's association and below",
            description = "Filter by programme, state, payment cycle or member; amounts are exact to the fen.")
    public ResultPage<CaseView> list(@QueryParam("programme") @Pattern(regexp = "[A-Z_]{2,40}") String programme,
            @QueryParam("state") @Pattern(regexp = "APPLIED|PENDING_APPROVAL|APPROVED|PAID|PAYMENT_FAILED|REJECTED|HELD|DROPPED")
            String state,
            @QueryParam("cycle") UUID cycle,
            @QueryParam("member") UUID member,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(ResultPage.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        StringBuilder q = new StringBuilder("associationCode like :scope");
        Parameters p = Parameters.with("scope", caller.scope().likePattern());
        if (programme != null) {
            q.append(" and programmeCode = :programme");
            p.and("programme", programme);
        }
        if (state != null) {
            q.append(" and state = :state");
            p.and("state", state);
        }
        if (cycle != null) {
            q.append(" and cycleId = :cycle");
            p.and("cycle", cycle);
        }
        if (member != null) {
            q.append(" and (memberId = :member or relatedMemberId = :member)");
            p.and("member", member);
        }
        var query = CareCase.<CareCase>find(q + " order by createdAt desc, id", p);
        return ResultPage.of(query, page, size, c -> CaseView.of(c, mapper));
    }

    @GET
    @Path("mine")
    @RolesAllowed(Roles.MEMBER)
    @Operation(summary = "The calling member's own cases")
    public List<CaseView> mine() {
        CareMember me = self();
        return CareCase.<CareCase>list("memberId = ?1 order by createdAt desc", me.memberId).stream()
                .map(c -> CaseView.of(c, mapper)).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.FINANCE})
    @Operation(summary = "One case with its explanation", description = "404 outside the caller's association.")
    public Response get(@PathParam("id") UUID id) {
        CareCase c = inScope(CareCase.findById(id));
        return Response.ok(CaseView.of(c, mapper)).tag(etag(c.version)).build();
    }

    @POST
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.MEMBER})
    @Operation(summary = "Apply for a programme",
            description = "Staff apply for a member of their association (memberId) or for the spouse of a deceased "
                    + "national model worker (spouse); with inputs, or for programmes paid by honour level, the case is "
                    + "assessed at once. A member applies for themself and staff assess it. One live case per person, "
                    + "programme and period. Takes an Idempotency-Key.")
    public Response apply(@HeaderParam(IdempotentRequests.HEADER) String key,
            @NotNull @Valid CaseRequests.Application request) {
        return idempotency.run(key, "POST /cases", request, () -> {
            boolean member = caller.hasRole(Roles.MEMBER) && !caller.hasAnyRole(Roles.STAFF);
            CareCase c;
            String documents = json(request.documents() == null ? List.of() : request.documents());
            if (member) {
                CareMember me = self();
                if (request.spouse() != null || (request.memberId() != null && !request.memberId().equals(me.memberId))) {
                    throw new ProblemException(403, "forbidden");
                }
                c = cases.apply(request.programme(), request.period(), me, null, request.note(), documents, null, false,
                        caller.username());
            } else {
                if ((request.memberId() == null) == (request.spouse() == null)) {
                    throw ProblemException.invalidField("memberId", "care.member-or-spouse");
                }
                UUID holder = request.memberId() != null ? request.memberId() : request.spouse().deceasedMemberId();
                CareMember m = caller.inScope(CareMember.<CareMember>findById(holder), x -> x.associationCode, "member");
                CaseService.Spouse spouse = request.spouse() == null ? null : new CaseService.Spouse(
                        request.spouse().name(), request.spouse().nationalId(), request.spouse().noFixedIncome());
                c = cases.apply(request.programme(), request.period(), m, spouse, request.note(), documents,
                        request.inputs() == null ? null : request.inputs().toDomain(), true, caller.username());
            }
            return Response.created(uriInfo.getAbsolutePathBuilder().path(c.id.toString()).build())
                    .entity(CaseView.of(c, mapper)).tag(etag(c.version)).build();
        });
    }

    @POST
    @Path("{id}/assessment")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
    @Operation(summary = "Assess (or re-assess) a case", description = "Computes the entitlement under the rule in force "
            + "and explains it; the case then awaits approval. Takes If-Match and an Idempotency-Key.")
    public Response assess(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(IdempotentRequests.HEADER) String key, @NotNull @Valid CaseRequests.Inputs inputs) {
        return idempotency.run(key, "POST /cases/" + id + "/assessment", inputs, () -> {
            CareCase c = inScope(CareCase.findById(id));
            Preconditions.requireVersion(c.version, Preconditions.optionalVersion(ifMatch));
            return view(cases.assess(c, inputs.toDomain(), caller.username()));
        });
    }

    @POST
    @Path("{id}/discretion")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN})
    @Operation(summary = "Admit a spouse by discretionary decision",
            description = "Records the reason and the deciding administrator (not the applicant); a spouse case "
                    + "cannot be approved without it.")
    public Response discretion(@PathParam("id") UUID id, @HeaderParam(IdempotentRequests.HEADER) String key,
            @NotNull @Valid CaseRequests.Discretion request) {
        return idempotency.run(key, "POST /cases/" + id + "/discretion", request,
                () -> view(cases.decideDiscretion(inScope(CareCase.findById(id)), request.reason(), caller.username())));
    }

    @POST
    @Path("{id}/approval")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.FINANCE)
    @Operation(summary = "Approve a case (finance, four eyes)",
            description = "Not by the applicant or assessor; eligibility is re-checked and the amount must fit the "
                    + "remaining budget (409 with the numbers). Needs If-Match with the ETag of the case as read, so the amount "
                    + "approved is the amount seen (428 without, 412 when it changed); takes an Idempotency-Key.")
    public Response approve(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(IdempotentRequests.HEADER) String key) {
        long expected = Preconditions.requiredVersion(ifMatch);
        return budgets.recordingExhaustion(() -> idempotency.run(key, "POST /cases/" + id + "/approval", null,
                () -> view(cases.approve(id, expected, this::inScope, caller.username()))));
    }

    @POST
    @Path("{id}/rejection")
    @RolesAllowed({Roles.FINANCE, Roles.CITY_ADMIN, Roles.PROVINCE_ADMIN})
    @Operation(summary = "Reject a case with its reason")
    public Response reject(@PathParam("id") UUID id, @HeaderParam(IdempotentRequests.HEADER) String key,
            @NotNull @Valid CaseRequests.Rejection request) {
        return idempotency.run(key, "POST /cases/" + id + "/rejection", request,
                () -> view(cases.reject(inScope(CareCase.findById(id)), request.reason(), caller.username())));
    }

    public record PaymentView(UUID id, UUID caseId, BigDecimal amount, String outcome, String bankReference,
            LocalDate paidOn, String failureReason, String recordedBy, Instant recordedAt) {
        static PaymentView of(Payment p) {
            return new PaymentView(p.id, p.caseId, p.amount, p.outcome, p.bankReference, p.paidOn, p.failureReason,
                    p.recordedBy, p.recordedAt);
        }
    }

    @POST
    @Path("{id}/payment")
    @RolesAllowed(Roles.FINANCE)
    @Operation(summary = "Record the bank's outcome of paying a case",
            description = "At most one successful payment per person, programme and period (the database refuses a "
                    + "second). Takes an Idempotency-Key.")
    public Response pay(@PathParam("id") UUID id, @HeaderParam(IdempotentRequests.HEADER) String key,
            @NotNull @Valid CaseRequests.PaymentOutcome request) {
        return idempotency.run(key, "POST /cases/" + id + "/payment", request, () -> {
            CareCase c = inScope(CareCase.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE));
            Payment p = cases.recordPayment(c, "PAID".equals(request.outcome()), request.bankReference(),
                    request.paidOn(), request.failureReason(), caller.username());
            return Response.status(201).entity(PaymentView.of(p)).build();
        });
    }

    @GET
    @Path("{id}/payments")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.FINANCE})
    @Operation(summary = "Payment attempts of a case")
    public List<PaymentView> payments(@PathParam("id") UUID id) {
        CareCase c = inScope(CareCase.findById(id));
        return Payment.<Payment>list("caseId = ?1 order by recordedAt", c.id).stream().map(PaymentView::of).toList();
    }

    @GET
    @Path("{id}/payee-account")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.FINANCE})
    @Operation(summary = "The account the case's beneficiary is paid to (masked), with whether it is verified")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PayeeResource.AccountView.class)))
    public Response payee(@PathParam("id") UUID id) {
        CareCase c = payeeKeptHere(id);
        return PayeeResource.view(c.memberId, PayeeResource.existing(c.beneficiaryIndex));
    }

    @jakarta.ws.rs.PUT
    @Path("{id}/payee-account")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.FINANCE})
    @Transactional
    @Operation(summary = "Set the account the case's beneficiary is paid to (e.g. a spouse, who has no member record)",
            description = "The number is stored encrypted and shown masked; the bank file carries it in clear once "
                    + "another person has verified it (POST …/payee-account/verification).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PayeeResource.AccountView.class)))
    public Response payee(@PathParam("id") UUID id, @NotNull @Valid PayeeResource.AccountRequest request) {
        CareCase c = payeeKeptHere(id);
        var a = cn.zjlm.federation.care.domain.PayeeAccount.set(c.beneficiaryIndex, request.accountHolder(),
                request.bankName(), request.accountNumber(), cipher, caller.username());
        return PayeeResource.changed(c.memberId, a);
    }

    @POST
    @Path("{id}/payee-account/verification")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.FINANCE)
    @Transactional
    @Operation(summary = "Verify the case beneficiary's payee account against their papers (finance, four eyes)",
            description = PayeeResource.VERIFY_DESCRIPTION)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PayeeResource.AccountView.class)))
    public Response verifyPayee(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        CareCase c = payeeKeptHere(id);
        return PayeeResource.changed(c.memberId, PayeeResource.verify(c.beneficiaryIndex, ifMatch, caller.username()));
    }

    /**
     * The case, when its beneficiary's account is kept here: a member's account is theirs, not the case's, so after
     * a move the old association neither reads, sets nor verifies it through its old case.
     */
    private CareCase payeeKeptHere(UUID id) {
        CareCase c = inScope(CareCase.findById(id));
        CareMember member = c.isSpouseCase() || c.memberId == null ? null : CareMember.findById(c.memberId);
        if (member != null && !caller.scope().covers(member.associationCode)) {
            throw ProblemException.conflict("payee-kept-elsewhere");
        }
        return c;
    }

    public record SensitiveInputs(UUID caseId, JsonNode inputs, String beneficiaryNationalId) {
    }

    @POST
    @Path("{id}/sensitive-data")
    @RolesAllowed({Roles.FINANCE, Roles.CITY_ADMIN, Roles.PROVINCE_ADMIN})
    @Transactional
    @Operation(summary = "Read a case's clear income and health inputs with a stated reason",
            description = "Every disclosure is kept in the audit trail with the reason.")
    public SensitiveInputs disclose(@PathParam("id") UUID id, @NotNull @Valid CaseRequests.Disclosure request) {
        CareCase c = inScope(CareCase.findById(id));
        audit.record("PII_DISCLOSED", "case/" + id, "SUCCESS", "income/health inputs; reason=" + request.reason().strip());
        try {
            return new SensitiveInputs(c.id,
                    c.sensitiveInputs == null ? mapper.createObjectNode() : mapper.readTree(cipher.decrypt(c.sensitiveInputs)),
                    cipher.decrypt(c.beneficiaryIdCipher));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Flushes first, so the ETag carries the version the change produced. */
    private Response view(CareCase c) {
        CareCase.flush();
        return Response.ok(CaseView.of(c, mapper)).tag(etag(c.version)).build();
    }

    private CareCase inScope(CareCase c) {
        return caller.inScope(c, x -> x.associationCode, "case");
    }

    private CareMember self() {
        return caller.accountId().flatMap(CareMember::byAccount)
                .orElseThrow(() -> ProblemException.notFound("member"));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
