package cn.zjlm.federation.care.api;

import cn.zjlm.federation.commons.time.ChinaTime;
import cn.zjlm.federation.care.domain.CareMember;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.idempotency.IdempotentRequests;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Visits and greetings (走访慰问): due lists and the visit log; hospital stays feed the due list. */
@Path("/api/v1/care")
@Tag(name = "Visits 走访慰问")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
public class VisitResource {
    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    @Inject
    PiiCipher cipher;

    @Inject
    IdempotentRequests idempotency;

    /** A living member due for a visit, with the last visit (if any). */
    public record Due(UUID memberId, String name, String associationCode, LocalDate birthDate, int age,
            LocalDate inHospitalSince, LocalDate lastVisitedOn) {
    }

    @GET
    @Path("visits/due")
    @Operation(summary = "Who is due a visit: birthdays in the coming 7 days, members aged 80+, members in hospital",
            description = "Living members of the caller's association and below, with their last visit, by "
                    + "association and birth date; a page of `size` (at most 2,000) from `page`, the number of all in "
                    + "the X-Total-Count header.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(
                            type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY,
                            implementation = Due.class)))
    public jakarta.ws.rs.core.Response due(
            @QueryParam("kind") @NotNull @Pattern(regexp = "BIRTHDAY_WEEK|AGE_80|IN_HOSPITAL") String kind,
            @QueryParam("page") @jakarta.ws.rs.DefaultValue("0") @jakarta.validation.constraints.Min(0)
            @jakarta.validation.constraints.Max(cn.zjlm.federation.commons.api.ResultPage.MAX_PAGE) int page,
            @QueryParam("size") @jakarta.ws.rs.DefaultValue("2000") @jakarta.validation.constraints.Min(1)
            @jakarta.validation.constraints.Max(2000) int size) {
        LocalDate today = ChinaTime.today();
        String condition = switch (kind) {
            case "BIRTHDAY_WEEK" -> "to_char(m.birth_date, 'MM-DD') in (:days)";
            case "AGE_80" -> "m.birth_date <= :born";
            default -> "h.admitted_on is not null";
        };
        String from = " from care_member m left join hospital_stay h on h.member_id = m.member_id "
                + "and h.discharged_on is null where m.association_code like :scope and m.status <> 'DECEASED' and "
                + condition;
        var query = em.createNativeQuery("select m.member_id, m.name, m.association_code, m.birth_date, h.admitted_on, "
                + "(select max(v.visited_on) from visit v where v.member_id = m.member_id)" + from
                + " order by m.association_code, m.birth_date, m.member_id limit :size offset :offset")
                .setParameter("scope", caller.scope().likePattern()).setParameter("size", size)
                .setParameter("offset", (long) page * size);
        var count = em.createNativeQuery("select count(*)" + from).setParameter("scope", caller.scope().likePattern());
        if (kind.equals("BIRTHDAY_WEEK")) {
            List<String> days = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                LocalDate d = today.plusDays(i);
                days.add(String.format("%02d-%02d", d.getMonthValue(), d.getDayOfMonth()));
                if (d.getMonthValue() == 2 && d.getDayOfMonth() == 28 && !d.isLeapYear()) {
                    days.add("02-29"); // born on 29 February: greeted on the 28th in common years
                }
            }
            query.setParameter("days", days);
            count.setParameter("days", days);
        } else if (kind.equals("AGE_80")) {
            query.setParameter("born", today.minusYears(80));
            count.setParameter("born", today.minusYears(80));
        }
        List<Due> out = new ArrayList<>();
        for (Object r : query.getResultList()) {
            Object[] row = (Object[]) r;
            LocalDate birth = Rows.date(row[3]);
            out.add(new Due((UUID) row[0], (String) row[1], (String) row[2], birth,
                    java.time.Period.between(birth, today).getYears(), Rows.date(row[4]), Rows.date(row[5])));
        }
        return jakarta.ws.rs.core.Response.ok(out).header("X-Total-Count", ((Number) count.getSingleResult()).longValue())
                .build();
    }

    public record VisitRequest(@NotNull UUID memberId, @NotNull LocalDate visitedOn,
            @NotBlank @Pattern(regexp = "BIRTHDAY|FESTIVAL|ILLNESS|AGE_80|OTHER") String occasion,
            @NotBlank @Size(max = 200) String visitors, @Size(max = 500) String gifts,
            @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal giftValue, @Size(max = 2000) String notes) {
    }

    public record VisitView(UUID id, UUID memberId, String associationCode, LocalDate visitedOn, String occasion,
            String visitors, String gifts, BigDecimal giftValue, String notes, String createdBy) {
    }

    @POST
    @Path("visits")
    @Operation(summary = "Log a visit (who visited, when, what was given, notes)", description = "Takes an Idempotency-Key.")
    public Response log(@HeaderParam(IdempotentRequests.HEADER) String key, @NotNull @Valid VisitRequest request) {
        CareMember m = member(request.memberId());
        if (request.visitedOn().isAfter(ChinaTime.today())) {
            throw ProblemException.invalidField("visitedOn", "care.visit-in-future");
        }
        return idempotency.run(key, "POST /visits", request, () -> {
            UUID id = UUID.randomUUID();
            em.createNativeQuery("insert into visit (id, member_id, association_code, visited_on, occasion, visitors, "
                    + "gifts, gift_value, notes, created_by, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
                    .setParameter(1, id).setParameter(2, m.memberId).setParameter(3, m.associationCode)
                    .setParameter(4, request.visitedOn()).setParameter(5, request.occasion())
                    .setParameter(6, request.visitors().strip()).setParameter(7, request.gifts())
                    .setParameter(8, request.giftValue()).setParameter(9, request.notes())
                    .setParameter(10, caller.username()).setParameter(11, Instant.now()).executeUpdate();
            return Response.status(201).entity(new VisitView(id, m.memberId, m.associationCode, request.visitedOn(),
                    request.occasion(), request.visitors().strip(), request.gifts(), request.giftValue(),
                    request.notes(), caller.username())).build();
        });
    }

    @GET
    @Path("members/{memberId}/visits")
    @Operation(summary = "A member's visits, newest first")
    public List<VisitView> visits(@PathParam("memberId") UUID memberId) {
        CareMember m = member(memberId);
        List<VisitView> out = new ArrayList<>();
        for (Object r : em.createNativeQuery("select id, visited_on, occasion, visitors, gifts, gift_value, notes, "
                + "created_by from visit where member_id = ?1 order by visited_on desc, created_at desc")
                .setParameter(1, m.memberId).getResultList()) {
            Object[] row = (Object[]) r;
            out.add(new VisitView((UUID) row[0], m.memberId, m.associationCode, Rows.date(row[1]), (String) row[2],
                    (String) row[3], (String) row[4], (BigDecimal) row[5], (String) row[6], (String) row[7]));
        }
        return out;
    }

    public record HospitalStayRequest(@NotNull LocalDate admittedOn, @NotBlank @Size(max = 200) String hospital) {
    }

    @POST
    @Path("members/{memberId}/hospital-stays")
    @Transactional
    @Operation(summary = "Record that a member is in hospital (the hospital is health data: stored encrypted)")
    public Response admitted(@PathParam("memberId") UUID memberId, @NotNull @Valid HospitalStayRequest request) {
        CareMember m = member(memberId);
        if (((Number) em.createNativeQuery("select count(*) from hospital_stay where member_id = ?1 "
                + "and discharged_on is null").setParameter(1, m.memberId).getSingleResult()).longValue() > 0) {
            throw ProblemException.conflict("hospital-stay-open");
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into hospital_stay (id, member_id, association_code, admitted_on, hospital_cipher, "
                + "created_by, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)").setParameter(1, id)
                .setParameter(2, m.memberId).setParameter(3, m.associationCode).setParameter(4, request.admittedOn())
                .setParameter(5, cipher.encrypt(request.hospital().strip())).setParameter(6, caller.username())
                .setParameter(7, Instant.now()).executeUpdate();
        return Response.status(201).entity(java.util.Map.of("id", id, "memberId", m.memberId, "admittedOn",
                request.admittedOn())).build();
    }

    @POST
    @Path("members/{memberId}/hospital-stays/{id}/discharge")
    @Consumes(MediaType.WILDCARD)
    @Transactional
    @Operation(summary = "Record the discharge (today)")
    public Response discharged(@PathParam("memberId") UUID memberId, @PathParam("id") UUID id) {
        CareMember m = member(memberId);
        int updated = em.createNativeQuery("update hospital_stay set discharged_on = ?1, version = version + 1 "
                + "where id = ?2 and member_id = ?3 and discharged_on is null").setParameter(1, ChinaTime.today())
                .setParameter(2, id).setParameter(3, m.memberId).executeUpdate();
        if (updated == 0) {
            throw ProblemException.notFound("open hospital stay");
        }
        return Response.noContent().build();
    }

    private CareMember member(UUID id) {
        return caller.inScope(CareMember.<CareMember>findById(id), m -> m.associationCode, "member");
    }
}
