package cn.zjlm.federation.honors.api;

import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.security.Roles;
import cn.zjlm.federation.honors.domain.CalendarDay;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The working-day calendar public notices are counted in: each year's public holidays and the
 * weekend days worked instead (调休), as the State Council announces them.
 */
@Path("/api/v1/honors/calendar/{year}")
@Tag(name = "Working-day calendar 工作日历")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CalendarResource {
    @Inject
    EntityManager em;

    public record SpecialDay(@NotNull LocalDate day, @NotBlank @Pattern(regexp = "HOLIDAY|WORKDAY") String kind,
            @NotBlank @Size(max = 50) String name) {
    }

    public record YearCalendar(@NotNull @Size(max = 120) List<@NotNull @Valid SpecialDay> days) {
    }

    @GET
    @RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF, Roles.REVIEWER})
    @Operation(summary = "A year's holidays and make-up working days; other weekdays work, weekends rest")
    public YearCalendar get(@PathParam("year") @Min(2000) @Max(2100) int year) {
        return new YearCalendar(CalendarDay.between(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)).stream()
                .map(d -> new SpecialDay(d.day, d.kind, d.name)).toList());
    }

    @PUT
    @Transactional
    @RolesAllowed(Roles.PROVINCE_ADMIN)
    @Operation(summary = "Replace a year's holidays and make-up working days (province administrators)",
            description = "Notices already running keep the end date they were given; new ones count with this calendar.")
    public YearCalendar put(@PathParam("year") @Min(2000) @Max(2100) int year, @NotNull @Valid YearCalendar calendar) {
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < calendar.days().size(); i++) {
            LocalDate day = calendar.days().get(i).day();
            if (day.getYear() != year) {
                throw ProblemException.invalidField("days[" + i + "].day", "calendar.day-outside-year");
            }
            if (!seen.add(day)) {
                throw ProblemException.invalidField("days[" + i + "].day", "calendar.day-duplicate");
            }
        }
        // One replacement at a time: two at once would both delete and then collide on insert. Reads go on.
        em.createNativeQuery("lock table calendar_day in share row exclusive mode").executeUpdate();
        CalendarDay.delete("day between ?1 and ?2", LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
        for (SpecialDay d : calendar.days()) {
            CalendarDay row = new CalendarDay();
            row.day = d.day();
            row.kind = d.kind();
            row.name = d.name().strip();
            row.persist();
        }
        CalendarDay.flush();
        return get(year);
    }
}
