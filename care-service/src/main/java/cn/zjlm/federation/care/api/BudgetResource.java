package cn.zjlm.federation.care.api;

import static cn.zjlm.federation.commons.error.Preconditions.etag;

import cn.zjlm.federation.care.domain.Budget;
import cn.zjlm.federation.care.domain.Budgets;
import cn.zjlm.federation.care.domain.Programme;
import cn.zjlm.federation.commons.error.Preconditions;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.idempotency.IdempotentRequests;
import cn.zjlm.federation.commons.identity.ValidAssociationCode;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/care/budgets")
@Tag(name = "Budgets 帮扶预算")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BudgetResource {
    @Inject
    Budgets budgets;

    @Inject
    Caller caller;

    @Inject
    IdempotentRequests idempotency;

    public record BudgetRequest(@NotBlank @ValidAssociationCode String associationCode,
            @NotBlank @Pattern(regexp = "[A-Z_]{2,40}") String programme,
            @NotNull @Min(2000) @Max(2100) Integer year,
            @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal amount) {
    }

    public record AmountChange(@NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal amount) {
    }

    @GET
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.FINANCE})
    @Operation(summary = "Budget report: planned, approved, paid and remaining per budget in the caller's scope")
    public List<Budgets.Report> report(@QueryParam("year") @NotNull @Min(2000) @Max(2100) Integer year,
            @QueryParam("programme") @Pattern(regexp = "[A-Z_]{2,40}") String programme) {
        return budgets.report(caller.scope().likePattern(), year, programme);
    }

    @POST
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.FINANCE})
    @Operation(summary = "Set up an association's yearly budget for a programme", description = "Takes an Idempotency-Key.")
    public Response create(@HeaderParam(IdempotentRequests.HEADER) String key, @NotNull @Valid BudgetRequest request) {
        caller.requireWritable("associationCode", request.associationCode());
        if (Programme.findById(request.programme()) == null) {
            throw ProblemException.invalidField("programme", "care.programme-unknown");
        }
        return idempotency.run(key, "POST /budgets", request, () -> {
            if (Budget.count("associationCode = ?1 and programmeCode = ?2 and year = ?3", request.associationCode(),
                    request.programme(), request.year()) > 0) {
                throw ProblemException.conflict("budget-exists", request.associationCode(), request.programme(),
                        request.year());
            }
            Budget b = new Budget();
            b.associationCode = request.associationCode();
            b.programmeCode = request.programme();
            b.year = request.year();
            b.amount = request.amount();
            b.createdBy = caller.username();
            b.updatedAt = Instant.now();
            b.persistAndFlush();
            return Response.status(201).entity(budgets.reportOf(b))
                    .tag(etag(b.version)).build();
        });
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.FINANCE})
    @Transactional
    @Operation(summary = "Change a budget's amount (If-Match required)",
            description = "Not below what is already approved; raising it clears the exhausted mark.")
    public Response change(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid AmountChange request) {
        long expected = Preconditions.requiredVersion(ifMatch);
        Budget b = caller.inScope(Budget.<Budget>findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE),
                x -> x.associationCode, "budget"); // the lock approvals take: no approval slips in meanwhile
        Preconditions.requireVersion(b.version, expected);
        BigDecimal committed = budgets.committed(b.id);
        if (request.amount().compareTo(committed) < 0) {
            throw ProblemException.conflict("budget-below-committed", request.amount().toPlainString(),
                    committed.toPlainString());
        }
        if (request.amount().compareTo(b.amount) > 0) {
            b.exhaustedAt = null;
        }
        b.amount = request.amount();
        b.updatedAt = Instant.now();
        Budget.flush();
        return Response.ok(budgets.reportOf(b)).tag(etag(b.version))
                .build();
    }
}
