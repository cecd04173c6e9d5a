package cn.zjlm.federation.member.api;

import cn.zjlm.federation.commons.time.ChinaTime;
import cn.zjlm.federation.commons.audit.AuditTrail;
import cn.zjlm.federation.commons.export.Spreadsheets;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import cn.zjlm.federation.member.domain.MemberRegistry;
import cn.zjlm.federation.member.domain.MemberStatistics;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/members")
@Tag(name = "Members 会员登记")
@RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
public class ExportResource {
    static final String XLSX = Spreadsheets.XLSX;
    private static final int MAX_ROWS = 200_000;
    private static final List<String> HEADERS = List.of("姓名", "性别", "民族", "出生日期", "身份证号码（脱敏）",
            "联系电话（脱敏）", "工作单位", "统一社会信用代码", "人员类别", "职业/岗位", "学历", "政治面貌", "所属协会", "状态", "最高荣誉级别",
            "荣誉");

    @Inject
    MemberRegistry registry;

    @Inject
    MemberStatistics statistics;

    @Inject
    Caller caller;

    @Inject
    PiiCipher cipher;

    @Inject
    AuditTrail audit;

    @GET
    @Path("export")
    @Produces({"text/csv", XLSX})
    @Transactional
    @Operation(summary = "Export a search to CSV or XLSX (sensitive values masked)",
            description = "Takes the same filters as the search; every export is audited with its row count.")
    public Response export(
            @QueryParam("format") @DefaultValue("xlsx") @Pattern(regexp = "csv|xlsx") String format,
            @Valid @BeanParam MemberFilters filters) {
        var result = registry.search(filters.search(0, MAX_ROWS, Sort.by("associationCode").and("name").and("id")),
                caller.scope());
        List<List<String>> rows = new ArrayList<>();
        for (MemberView v : MemberView.of(result.members(), cipher)) {
            rows.add(java.util.Arrays.asList(v.name(), v.gender() == null ? "" : v.gender().name(), v.ethnicity(),
                    String.valueOf(v.birthDate()), v.nationalIdMasked(), v.phoneMasked(), v.employer(),
                    v.employerCreditCode(), v.sector() == null ? "" : v.sector().name(), v.occupation(),
                    v.education(), v.politicalStatus(), v.associationCode(), v.status().name(),
                    v.highestHonourLevel() == null ? "" : v.highestHonourLevel().name(),
                    String.join("；", v.honours().stream().filter(h -> h.revokedOn() == null)
                            .map(h -> h.title() + "(" + h.year() + ")").toList())));
        }
        audit.record("MEMBERS_EXPORTED", "members", "SUCCESS", format + ", " + rows.size() + " rows");
        String file = "members-" + ChinaTime.today() + "." + format;
        byte[] body = "csv".equals(format) ? Spreadsheets.csv(HEADERS, rows)
                : Spreadsheets.xlsx("会员名册", HEADERS, rows);
        return Response.ok(body, "csv".equals(format) ? Spreadsheets.CSV : XLSX)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }

    @GET
    @Path("statistics")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.REVIEWER})
    @Operation(summary = "Counts by association × highest honour level × status, by age band, new honours per year")
    public MemberStatistics.Statistics statistics() {
        return statistics.of(caller.scope());
    }
}
