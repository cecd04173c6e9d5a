package cn.zjlm.federation.honors.api;

import cn.zjlm.federation.commons.time.ChinaTime;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.honors.domain.HonourType;
import io.quarkus.panache.common.Parameters;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The honour catalogue is reference data readable by any signed-in caller. */
@Path("/api/v1/honors/types")
@Tag(name = "Honour catalogue 荣誉目录")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class HonourTypeResource {

    public record HonourTypeView(String code, String name, String nameEn, String category, String level,
            String conferringBody, boolean collective, String associationCode, LocalDate validFrom,
            LocalDate validTo) {
        static HonourTypeView of(HonourType t) {
            return new HonourTypeView(t.code, t.name, t.nameEn, t.category, t.level, t.conferringBody, t.collective,
                    t.associationCode, t.validFrom, t.validTo);
        }
    }

    @GET
    @Operation(summary = "Honour titles in force today, optionally of one level",
            description = "level: NATIONAL, PROVINCIAL, CITY or COUNTY")
    public List<HonourTypeView> list(@QueryParam("level") String level) {
        String query = "validFrom <= :today and (validTo is null or validTo >= :today)"
                + (level == null ? "" : " and level = :level");
        Parameters params = Parameters.with("today", ChinaTime.today());
        if (level != null) {
            params.and("level", level);
        }
        return HonourType.<HonourType>list(query + " order by code", params).stream().map(HonourTypeView::of).toList();
    }

    @GET
    @Path("{code}")
    @Operation(summary = "One honour title")
    public HonourTypeView get(@PathParam("code") String code) {
        HonourType type = HonourType.findById(code);
        if (type == null) {
            throw ProblemException.notFound("honour type");
        }
        return HonourTypeView.of(type);
    }
}
