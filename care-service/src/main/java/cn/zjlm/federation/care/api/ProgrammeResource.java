package cn.zjlm.federation.care.api;

import cn.zjlm.federation.care.domain.Programme;
import cn.zjlm.federation.care.domain.ProgrammeRule;
import cn.zjlm.federation.care.domain.ReferenceIncome;
import cn.zjlm.federation.care.domain.RuleParameters;
import cn.zjlm.federation.commons.error.Problem;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.identity.AssociationCode;
import cn.zjlm.federation.commons.identity.ValidAssociationCode;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.panache.common.Sort;
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
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/care")
@Tag(name = "Care programmes 帮扶项目")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProgrammeResource {
    @Inject
    Caller caller;

    public record ProgrammeView(String code, String name, String nameEn, String description) {
    }

    public record RuleView(String programmeCode, String associationCode, int version, LocalDate validFrom,
            LocalDate validTo, @JsonRawValue String parameters, String source) {
        static RuleView of(ProgrammeRule r) {
            return new RuleView(r.programmeCode, r.associationCode, r.version, r.validFrom, r.validTo, r.parameters,
                    r.source);
        }
    }

    public record RuleRequest(@NotBlank @ValidAssociationCode String associationCode,
            @NotNull LocalDate validFrom, LocalDate validTo, @NotNull JsonNode parameters,
            @NotBlank @Size(max = 500) String source) {
    }

    @GET
    @Path("programmes")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.FINANCE})
    @Operation(summary = "All care programmes")
    public List<ProgrammeView> list() {
        return Programme.<Programme>listAll(Sort.by("code")).stream()
                .map(p -> new ProgrammeView(p.code, p.name, p.nameEn, p.description)).toList();
    }

    @GET
    @Path("programmes/{code}/rules")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.FINANCE})
    @Operation(summary = "Rule versions of a programme for the caller's associations, newest first")
    public List<RuleView> rules(@PathParam("code") String code) {
        programme(code);
        return ProgrammeRule.inScope(code, caller.scope().likePattern()).stream().map(RuleView::of).toList();
    }

    @POST
    @Path("programmes/{code}/rules")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN})
    @Transactional
    @Operation(summary = "Publish a new rule version (amounts, factor, tiers, eligibility) with its validity",
            description = "Earlier versions stay as they were, so past amounts keep their explanation; the newest "
                    + "version valid on a date applies. The hardship factor must lie between 1.1 and 1.2.")
    public Response publish(@PathParam("code") String code, @NotNull @Valid RuleRequest request) {
        programme(code);
        caller.requireWritable("associationCode", request.associationCode());
        if (request.validTo() != null && request.validTo().isBefore(request.validFrom())) {
            throw ProblemException.invalidField("validTo", "care.rule-validity-reversed");
        }
        List<Problem.FieldViolation> violations = RuleParameters.violations(code, request.parameters()).stream()
                .map(v -> new Problem.FieldViolation(v.field(), v.code(), null)).toList();
        if (!violations.isEmpty()) {
            throw new ProblemException(400, "validation", violations, violations.size());
        }
        ProgrammeRule r = new ProgrammeRule();
        r.programmeCode = code;
        r.associationCode = request.associationCode();
        r.version = 1 + ProgrammeRule.find("select coalesce(max(version), 0) from ProgrammeRule "
                + "where programmeCode = ?1 and associationCode = ?2", code, request.associationCode())
                .project(Integer.class).firstResult();
        r.validFrom = request.validFrom();
        r.validTo = request.validTo();
        r.parameters = request.parameters().toString();
        r.source = request.source().strip();
        r.persist();
        return Response.status(201).entity(RuleView.of(r)).build();
    }

    public record ReferenceIncomeView(String associationCode, int year, String socialCategory, BigDecimal amount,
            String source) {
        static ReferenceIncomeView of(ReferenceIncome r) {
            return new ReferenceIncomeView(r.associationCode, r.year, r.socialCategory, r.amount, r.source);
        }
    }

    public record ReferenceIncomeRequest(@NotBlank @ValidAssociationCode String associationCode,
            @NotNull @Min(2000) @Max(2100) Integer year,
            @NotBlank @Pattern(regexp = "URBAN_RESIDENT|RURAL_RESIDENT|EMPLOYEE") String socialCategory,
            // a yearly average; seven digits keep factor × income within a case's amount
            @NotNull @DecimalMin("0.01") @Digits(integer = 7, fraction = 2) BigDecimal amount,
            @NotBlank @Size(max = 500) String source) {
    }

    @GET
    @Path("reference-incomes")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.FINANCE})
    @Operation(summary = "Average incomes per city, year and social category (the hardship top-up's base)")
    public List<ReferenceIncomeView> referenceIncomes(@QueryParam("year") @Min(2000) @Max(2100) Integer year) {
        String pattern = caller.association().substring(0, 2) + "%";
        List<ReferenceIncome> list = year == null
                ? ReferenceIncome.list("associationCode like ?1 order by associationCode, year desc, socialCategory", pattern)
                : ReferenceIncome.list("associationCode like ?1 and year = ?2 order by associationCode, socialCategory",
                        pattern, year);
        return list.stream().map(ReferenceIncomeView::of).toList();
    }

    @POST
    @Path("reference-incomes")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN})
    @Transactional
    @Operation(summary = "Record a city's published average income for a year and social category",
            description = "A published figure is not changed afterwards: assessments name the figure they used.")
    public Response recordReferenceIncome(@NotNull @Valid ReferenceIncomeRequest request) {
        caller.requireWritable("associationCode", request.associationCode());
        if (AssociationCode.level(request.associationCode()) != AssociationCode.Level.CITY) {
            throw ProblemException.invalidField("associationCode", "care.reference-income-city");
        }
        if (ReferenceIncome.count("associationCode = ?1 and year = ?2 and socialCategory = ?3",
                request.associationCode(), request.year(), request.socialCategory()) > 0) {
            throw ProblemException.conflict("reference-income-exists", request.associationCode(), request.year(),
                    request.socialCategory());
        }
        ReferenceIncome r = new ReferenceIncome();
        r.associationCode = request.associationCode();
        r.year = request.year();
        r.socialCategory = request.socialCategory();
        r.amount = request.amount();
        r.source = request.source().strip();
        r.persist();
        return Response.status(201).entity(ReferenceIncomeView.of(r)).build();
    }

    private static void programme(String code) {
        if (Programme.findById(code) == null) {
            throw ProblemException.notFound("programme");
        }
    }
}
