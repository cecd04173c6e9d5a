package cn.zjlm.federation.care.api;

import cn.zjlm.federation.care.domain.CareCase;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Parameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/care/cases")
@Tag(name = "Cases 帮扶个案")
@Produces(MediaType.APPLICATION_JSON)
public class CaseResource {
    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    /** A case with the explanation of its amount (rule or source, inputs, formula, result). */
    public record CaseView(UUID id, String programmeCode, String associationCode, UUID memberId,
            String beneficiaryName, String period, BigDecimal amount, JsonNode explanation, String state,
            Instant createdAt, long version) {
    }

    public record Page(List<CaseView> items, int page, int size, long total) {
    }

    @GET
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.FINANCE})
    @Operation(summary = "Cases in the caller's association and below",
            description = "Filter by programme and state; amounts are exact to the fen.")
    public Page list(@QueryParam("programme") @Pattern(regexp = "[A-Z_]{2,40}") String programme,
            @QueryParam("state") @Pattern(regexp = "PENDING_APPROVAL|APPROVED|PAID|REJECTED|HELD") String state,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
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
        var query = CareCase.<CareCase>find(q + " order by createdAt desc, id", p);
        return new Page(query.page(page, size).list().stream().map(this::view).toList(), page, size, query.count());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.FINANCE})
    @Operation(summary = "One case with its explanation", description = "404 outside the caller's association.")
    public CaseView get(@PathParam("id") UUID id) {
        CareCase c = CareCase.findById(id);
        if (c == null || !caller.scope().covers(c.associationCode)) {
            throw ProblemException.notFound("case");
        }
        return view(c);
    }

    private CaseView view(CareCase c) {
        try {
            return new CaseView(c.id, c.programmeCode, c.associationCode, c.memberId, c.beneficiaryName, c.period,
                    c.amount, mapper.readTree(c.explanation), c.state, c.createdAt, c.version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
