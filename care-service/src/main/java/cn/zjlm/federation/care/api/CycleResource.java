package cn.zjlm.federation.care.api;

import static cn.zjlm.federation.commons.error.Preconditions.etag;

import cn.zjlm.federation.care.domain.Budgets;
import cn.zjlm.federation.care.domain.CareCase;
import cn.zjlm.federation.care.domain.CaseService;
import cn.zjlm.federation.care.domain.Cycles;
import cn.zjlm.federation.care.domain.PayeeAccount;
import cn.zjlm.federation.care.domain.PaymentCycle;
import cn.zjlm.federation.commons.audit.AuditTrail;
import cn.zjlm.federation.commons.error.Preconditions;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.export.Spreadsheets;
import cn.zjlm.federation.commons.idempotency.IdempotentRequests;
import cn.zjlm.federation.commons.identity.ValidAssociationCode;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/care/cycles")
@Tag(name = "Payment cycles 发放批次")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CycleResource {
    private static final List<String> FILE_HEADERS = List.of("序号", "个案编号", "收款人", "开户银行", "银行账号", "金额（元）",
            "项目", "期间", "所属协会", "备注");

    @Inject
    Cycles cycles;

    @Inject
    CaseService cases;

    @Inject
    Budgets budgets;

    @Inject
    Caller caller;

    @Inject
    IdempotentRequests idempotency;

    @Inject
    PiiCipher cipher;

    @Inject
    AuditTrail audit;

    @Context
    UriInfo uriInfo;

    public record CycleRequest(
            @NotBlank @Pattern(regexp = "[A-Z_]{2,40}") String programme,
            @NotBlank @Pattern(regexp = CaseRequests.PERIOD) String period,
            @NotBlank @ValidAssociationCode String associationCode) {
    }

    public record CycleView(UUID id, String programmeCode, String associationCode, String period, int year,
            String createdBy, Instant createdAt, Instant lastGeneratedAt, String lastApprovedBy, Instant lastApprovedAt,
            Map<String, Cycles.Summary> lines, Cycles.Generation lastGeneration, long version) {
    }

    @POST
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
    @Operation(summary = "Open a payment cycle and generate its entitlements",
            description = "For a programme paid by honour level (春节慰问, 荣誉津贴): one assessed case per eligible "
                    + "member of the association subtree. Takes an Idempotency-Key.")
    @Transactional
    @TransactionConfiguration(timeout = 600) // a province-wide cycle writes hundreds of thousands of lines
    public Response open(@HeaderParam(IdempotentRequests.HEADER) String key, @NotNull @Valid CycleRequest request) {
        caller.requireWritable("associationCode", request.associationCode());
        return idempotency.run(key, "POST /cycles", request, () -> {
            PaymentCycle cycle = cycles.open(request.programme(), request.period(), request.associationCode(),
                    caller.username());
            Cycles.Generation generation = cycles.generate(cycle, caller.username());
            return Response.created(uriInfo.getAbsolutePathBuilder().path(cycle.id.toString()).build())
                    .entity(view(cycle, generation)).build();
        });
    }

    @POST
    @Path("{id}/generation")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
    @Operation(summary = "Re-run generation: adds only members who became eligible since")
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public Response regenerate(@PathParam("id") UUID id, @HeaderParam(IdempotentRequests.HEADER) String key) {
        return idempotency.run(key, "POST /cycles/" + id + "/generation", null, () -> {
            PaymentCycle cycle = find(id, LockModeType.PESSIMISTIC_WRITE);
            return Response.ok(view(cycle, cycles.generate(cycle, caller.username()))).build();
        });
    }

    @GET
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.FINANCE})
    @Operation(summary = "Payment cycles in the caller's association and below")
    public List<CycleView> list() {
        List<PaymentCycle> list = PaymentCycle.list("associationCode like ?1 order by createdAt desc",
                caller.scope().likePattern());
        Map<UUID, Map<String, Cycles.Summary>> summaries = cycles.summaries(list.stream().map(c -> c.id).toList());
        return list.stream().map(c -> view(c, summaries.getOrDefault(c.id, Map.of()), null)).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.FINANCE})
    @Operation(summary = "A cycle with counts and amounts per state; its lines are GET /cases?cycle={id}")
    public Response get(@PathParam("id") UUID id) {
        PaymentCycle cycle = find(id, LockModeType.NONE);
        return Response.ok(view(cycle, null)).tag(etag(cycle.version)).build();
    }

    @POST
    @Path("{id}/approval")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.FINANCE)
    @Operation(summary = "Approve every line awaiting approval (finance, four eyes)",
            description = "Eligibility is re-checked: a member who died, lost the title or moved away meanwhile is "
                    + "dropped with the reason. All lines fit the budget or none is approved (409 with the numbers). Needs "
                    + "If-Match with the ETag of the cycle as read (428 without, 412 when it changed).")
    public Response approve(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(IdempotentRequests.HEADER) String key) {
        long expected = Preconditions.requiredVersion(ifMatch);
        // a province-wide cycle's approval locks and updates every line: the ten minutes its generation has
        return budgets.recordingExhaustion(() -> idempotency.runLong(key, "POST /cycles/" + id + "/approval", null,
                () -> Response.ok(cycles.approve(find(id, LockModeType.PESSIMISTIC_WRITE), expected,
                        caller.username())).build()));
    }

    public record PaymentFileRequest(@NotBlank @Pattern(regexp = "csv|xlsx") String format,
            @NotBlank @Size(min = 4, max = 500) String reason) {
    }

    @POST
    @Path("{id}/payment-file")
    @RolesAllowed(Roles.FINANCE)
    @Produces({"text/csv", Spreadsheets.XLSX, MediaType.APPLICATION_JSON})
    @Transactional
    @Operation(summary = "The bank payment file (代发文件) of the approved lines",
            description = "Holds clear account numbers for the bank, so it takes a stated reason and is audited. A line "
                    + "whose account is missing or not yet verified by a second person has no account number and says "
                    + "why in its remark.")
    public Response paymentFile(@PathParam("id") UUID id, @NotNull @Valid PaymentFileRequest request) {
        PaymentCycle cycle = find(id, LockModeType.NONE);
        List<CareCase> lines = cycles.payable(cycle.id);
        Map<String, PayeeAccount> accounts = PayeeAccount.<PayeeAccount>list("beneficiaryIndex in ?1",
                lines.stream().map(c -> c.beneficiaryIndex).distinct().toList()).stream()
                .collect(Collectors.toMap(a -> a.beneficiaryIndex, Function.identity()));
        List<List<String>> rows = new ArrayList<>();
        for (CareCase c : lines) {
            PayeeAccount a = accounts.get(c.beneficiaryIndex);
            // an account not yet verified by a second person is not paid to: the bank returns the line unpaid
            String remark = a == null ? "缺少收款账户 / no payee account"
                    : a.isVerified() ? "" : "收款账户待复核 / payee account awaiting verification";
            rows.add(List.of(Integer.toString(rows.size() + 1), c.id.toString(),
                    a == null ? c.beneficiaryName : a.accountHolder, a == null ? "" : a.bankName,
                    remark.isEmpty() ? cipher.decrypt(a.accountCipher) : "", c.amount.toPlainString(),
                    c.programmeCode, c.period, c.associationCode, remark));
        }
        audit.record("PAYMENT_FILE_EXPORTED", "cycle/" + id, "SUCCESS",
                request.format() + ", " + rows.size() + " lines; reason=" + request.reason().strip());
        boolean csv = "csv".equals(request.format());
        return Response.ok(csv ? Spreadsheets.csv(FILE_HEADERS, rows) : Spreadsheets.xlsx("代发", FILE_HEADERS, rows),
                csv ? Spreadsheets.CSV : Spreadsheets.XLSX)
                .header("Content-Disposition", "attachment; filename=\"payment-" + cycle.programmeCode + "-"
                        + cycle.period + "." + request.format() + "\"")
                .build();
    }

    public record PaymentLine(@NotNull UUID caseId, @NotBlank @Pattern(regexp = "PAID|FAILED") String outcome,
            @Size(max = 100) String bankReference, LocalDate paidOn, @Size(max = 500) String failureReason) {
    }

    public record PaymentResults(@NotEmpty @Size(max = 20_000) List<@Valid @NotNull PaymentLine> lines) {
    }

    public record LineResult(UUID caseId, String result, String reason) {
    }

    /**
     * Locks the cases in PostgreSQL's order of their ids (that of their text), whatever the bank file's order, so two
     * files recorded at once wait for each other instead of deadlocking.
     */
    private static Map<UUID, CareCase> lockInOneOrder(List<UUID> caseIds) {
        List<UUID> ids = caseIds.stream().distinct().sorted(java.util.Comparator.comparing(UUID::toString)).toList();
        Map<UUID, CareCase> locked = new java.util.HashMap<>();
        for (int from = 0; from < ids.size(); from += 1_000) {
            CareCase.<CareCase>find("id in ?1 order by id", ids.subList(from, Math.min(ids.size(), from + 1_000)))
                    .withLock(LockModeType.PESSIMISTIC_WRITE).list().forEach(c -> locked.put(c.id, c));
        }
        return locked;
    }

    @POST
    @Path("{id}/payments")
    @RolesAllowed(Roles.FINANCE)
    @Operation(summary = "Record the bank's paid / failed result per line",
            description = "Each line is recorded or refused with its reason (not in this cycle, not payable, already "
                    + "paid). Takes an Idempotency-Key.")
    public Response payments(@PathParam("id") UUID id, @HeaderParam(IdempotentRequests.HEADER) String key,
            @NotNull @Valid PaymentResults request) {
        return idempotency.runLong(key, "POST /cycles/" + id + "/payments", request, () -> {
            PaymentCycle cycle = find(id, LockModeType.NONE);
            Map<UUID, CareCase> locked = lockInOneOrder(request.lines().stream().map(PaymentLine::caseId).toList());
            List<LineResult> results = new ArrayList<>();
            for (PaymentLine line : request.lines()) {
                CareCase c = locked.get(line.caseId());
                if (c == null || !cycle.id.equals(c.cycleId)) {
                    results.add(new LineResult(line.caseId(), "REFUSED", "not a line of this cycle"));
                    continue;
                }
                var refusal = cases.recordPaymentUnlessRefused(c, "PAID".equals(line.outcome()),
                        line.bankReference(), line.paidOn(), line.failureReason(), caller.username());
                results.add(refusal.map(r -> new LineResult(line.caseId(), "REFUSED", r))
                        .orElseGet(() -> new LineResult(line.caseId(), line.outcome(), null)));
            }
            return Response.ok(results).build();
        });
    }

    private PaymentCycle find(UUID id, LockModeType lock) {
        return caller.inScope(PaymentCycle.<PaymentCycle>findById(id, lock), c -> c.associationCode, "cycle");
    }

    private CycleView view(PaymentCycle c, Cycles.Generation generation) {
        return view(c, cycles.summaries(List.of(c.id)).getOrDefault(c.id, Map.of()), generation);
    }

    private static CycleView view(PaymentCycle c, Map<String, Cycles.Summary> lines, Cycles.Generation generation) {
        return new CycleView(c.id, c.programmeCode, c.associationCode, c.period, c.year, c.createdBy, c.createdAt,
                c.lastGeneratedAt, c.lastApprovedBy, c.lastApprovedAt, lines, generation, c.version);
    }
}
