package cn.zjlm.federation.care.api;

import cn.zjlm.federation.care.domain.Programme;
import cn.zjlm.federation.care.domain.ProgrammeRule;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/care/programmes")
@Tag(name = "Care programmes 帮扶项目")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.FINANCE})
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

    @GET
    @Operation(summary = "All care programmes")
    public List<ProgrammeView> list() {
        return Programme.<Programme>listAll(Sort.by("code")).stream()
                .map(p -> new ProgrammeView(p.code, p.name, p.nameEn, p.description)).toList();
    }

    @GET
    @Path("{code}/rules")
    @Operation(summary = "Rule versions of a programme for the caller's associations, newest first")
    public List<RuleView> rules(@PathParam("code") String code) {
        if (Programme.findById(code) == null) {
            throw ProblemException.notFound("programme");
        }
        return ProgrammeRule.inScope(code, caller.scope().likePattern()).stream().map(RuleView::of).toList();
    }
}
