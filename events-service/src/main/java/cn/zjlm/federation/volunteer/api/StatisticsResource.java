package cn.zjlm.federation.volunteer.api;

import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.export.Spreadsheets;
import cn.zjlm.federation.commons.identity.ValidAssociationCode;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import cn.zjlm.federation.commons.time.ChinaTime;
import cn.zjlm.federation.volunteer.domain.Statistics;
import cn.zjlm.federation.volunteer.domain.Statistics.Figures;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What volunteer service achieved, per association subtree and period; as JSON or XLSX. */
@Path("/api/v1/events/statistics")
@Tag(name = "Statistics 统计")
@RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
public class StatisticsResource {
    private static final List<String> HEADERS = List.of("Association 协会", "Activities 活动数", "Person-times 人次",
            "Volunteers 志愿者人数", "Hours 服务时长", "Enterprises served 服务企业数", "Problems solved 解决难题数",
            "Suggestions made 提出建议数", "Suggestions adopted 采纳建议数", "People reached 受益人数",
            "Economic benefit (10k CNY) 经济效益(万元)", "Needs resolved 揭榜完成数", "Needs solved 揭榜解决数",
            "Needs economic benefit (10k CNY) 揭榜经济效益(万元)", "Teams 服务队数");

    @Inject
    Caller caller;

    @Inject
    Statistics statistics;

    @Inject
    cn.zjlm.federation.commons.audit.AuditTrail audit;

    public record FiguresView(String associationCode, long activities, long personTimes, long volunteers,
            BigDecimal hours, long enterprisesServed, long problemsSolved, long suggestionsMade,
            long suggestionsAdopted, long peopleReached, BigDecimal economicBenefit, long needsResolved,
            long needsSolved, BigDecimal needsEconomicBenefit, long teams) {
        static FiguresView of(Figures f) {
            return new FiguresView(f.associationCode, f.activities, f.personTimes, f.volunteers, f.hours,
                    f.enterprisesServed, f.problemsSolved, f.suggestionsMade, f.suggestionsAdopted, f.peopleReached,
                    f.economicBenefit, f.needsResolved, f.needsSolved, f.needsEconomicBenefit, f.teams);
        }

        List<String> cells() {
            return List.of(associationCode, "" + activities, "" + personTimes, "" + volunteers, hours.toPlainString(),
                    "" + enterprisesServed, "" + problemsSolved, "" + suggestionsMade, "" + suggestionsAdopted,
                    "" + peopleReached, economicBenefit.toPlainString(), "" + needsResolved, "" + needsSolved,
                    needsEconomicBenefit.toPlainString(), "" + teams);
        }
    }

    public record StatisticsView(String associationCode, LocalDate from, LocalDate to, FiguresView total,
            List<FiguresView> byAssociation) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Figures for an association and everything below it, in a period",
            description = "associationCode defaults to the caller's; from/to (dates, both included) default to this "
                    + "year. Activities, person-times and outcomes count completed activities starting in the period; "
                    + "hours and volunteers count confirmed hours worked in it; economic benefit in 万元.")
    public StatisticsView get(@QueryParam("associationCode") @ValidAssociationCode String associationCode,
            @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        String code = associationCode == null ? caller.association() : associationCode;
        caller.requireInScope(code, "association");
        LocalDate start = from != null ? from : ChinaTime.today().withDayOfYear(1);
        LocalDate end = to != null ? to : start.withDayOfYear(1).plusYears(1).minusDays(1);
        if (end.isBefore(start)) {
            throw ProblemException.invalidField("to", "events.period-reversed");
        }
        if (start.plusYears(10).isBefore(end)) {
            throw ProblemException.invalidField("to", "events.period-too-long");
        }
        Statistics.Report r = statistics.report(code, start, end);
        return new StatisticsView(r.associationCode(), r.from(), r.to(), FiguresView.of(r.total()),
                r.byAssociation().stream().map(FiguresView::of).toList());
    }

    @GET
    @Path("export")
    @Produces(Spreadsheets.XLSX)
    @Operation(summary = "The same figures as an XLSX workbook: a row per association, then the total",
            description = "Every export is kept in the audit trail.")
    @jakarta.transaction.Transactional
    public Response export(@QueryParam("associationCode") @ValidAssociationCode String associationCode,
            @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        StatisticsView v = get(associationCode, from, to);
        List<List<String>> rows = new ArrayList<>();
        v.byAssociation().forEach(f -> rows.add(f.cells()));
        List<String> total = new ArrayList<>(v.total().cells());
        total.set(0, "Total 合计 " + v.associationCode());
        rows.add(total);
        String file = "volunteer-statistics-" + v.associationCode() + "-" + v.from() + "-" + v.to() + ".xlsx";
        audit.record("VOLUNTEER_STATISTICS_EXPORTED", "statistics/" + v.associationCode(), "SUCCESS",
                v.from() + ".." + v.to() + ", " + rows.size() + " rows");
        return Response.ok(Spreadsheets.xlsx("志愿服务统计", HEADERS, rows), Spreadsheets.XLSX)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }
}
