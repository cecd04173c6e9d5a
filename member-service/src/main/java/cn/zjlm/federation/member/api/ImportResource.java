package cn.zjlm.federation.member.api;

import cn.zjlm.federation.commons.api.ResultPage;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.error.ProblemMessages;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import cn.zjlm.federation.member.imports.CreatedRows;
import cn.zjlm.federation.member.imports.ImportColumns;
import cn.zjlm.federation.member.imports.ImportJob;
import cn.zjlm.federation.member.imports.MemberImports;
import cn.zjlm.federation.member.imports.RegistrationFormReader.ImportFileException;
import cn.zjlm.federation.member.imports.RowReport;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/members/imports")
@Tag(name = "Member import 批量导入")
@RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
public class ImportResource {
    @Inject
    MemberImports imports;

    @Inject
    Caller caller;

    @Inject
    UriInfo uriInfo;

    @Inject
    HttpHeaders headers;

    @Inject
    ObjectMapper mapper;

    /** A job's progress and counts; {@code rows}: the rows that need attention (invalid, duplicate). */
    public record JobView(UUID id, String mode, String status, String fileName, int total, int processed,
            int created, int unchanged, int invalid, int duplicates, Boolean committed, String failure,
            Instant createdAt, Instant finishedAt, List<RowReport> rows) {
    }

    @POST
    @Consumes({"text/csv", ExportResource.XLSX})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import a registration-form file (CSV or XLSX with the form's Chinese headers)",
            description = "mode: dry-run (report only), all-or-nothing (writes only if every row is valid), "
                    + "valid-only (writes the valid rows). Runs as a job: poll the Location for progress and the "
                    + "report of the rows that need attention; the members created are listed by row at "
                    + "{Location}/created. Rows already registered with the same data are left unchanged.")
    public Response submit(@QueryParam("mode") @DefaultValue("dry-run")
            @Pattern(regexp = "dry-run|all-or-nothing|valid-only") String mode,
            @HeaderParam("X-File-Name") String fileName, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] file) {
        if (file == null || file.length == 0) {
            throw ProblemException.invalidField("file", "import.empty-file");
        }
        ImportJob job;
        try {
            job = imports.submit(file, contentType != null && contentType.startsWith(ExportResource.XLSX),
                    fileName == null ? null : AttachmentResource.safeName(fileName, "text/csv"),
                    ImportJob.Mode.valueOf(mode.toUpperCase().replace('-', '_')), caller.scope(), caller.username());
        } catch (ImportFileException e) {
            throw ProblemException.invalidField("file", e.code());
        }
        return Response.accepted(view(job, Locale.ENGLISH))
                .location(uriInfo.getAbsolutePathBuilder().path(job.id.toString()).build()).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Progress (rows done of total), counts and, when completed, the rows that need attention")
    public JobView get(@PathParam("id") UUID id) {
        return view(visibleJob(id), ProblemMessages.choose(headers.getAcceptableLanguages()));
    }

    @GET
    @Path("{id}/created")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The members the import created, by row of the file (for reconciling the file with the registry)")
    public Page<CreatedRows.CreatedRow> created(@PathParam("id") UUID id,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(ResultPage.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("500") @Min(1) @Max(5000) int size) {
        ImportJob job = visibleJob(id);
        int offset = (int) Math.min(Integer.MAX_VALUE, (long) page * size);
        return new Page<>(CreatedRows.page(job.id, offset, size), page, size, CreatedRows.count(job.id));
    }

    private ImportJob visibleJob(UUID id) {
        ImportJob job = ImportJob.findById(id);
        if (job == null || !caller.scope().covers(job.associationCode)) {
            throw ProblemException.notFound("import");
        }
        return job;
    }

    @GET
    @Path("template")
    @Produces("text/csv")
    @Operation(summary = "An empty registration form with the expected column headers (CSV)")
    public Response template() {
        String header = "\uFEFF" + String.join(",", ImportColumns.ALL) + "\r\n";
        return Response.ok(header.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"member-registration-template.csv\"").build();
    }

    private JobView view(ImportJob job, Locale locale) {
        List<RowReport> rows = List.of();
        if (job.report != null) {
            try {
                rows = mapper.readValue(job.report, new TypeReference<List<RowReport>>() { }).stream()
                        .map(r -> new RowReport(r.row(), r.outcome(), r.memberId(), r.errors().stream()
                                .map(e -> new RowReport.RowError(e.field(), e.column(), e.code(),
                                        localized(e.code(), e.message(), locale))).toList(), r.merge()))
                        .toList();
            } catch (IOException e) {
                throw new IllegalStateException("unreadable import report " + job.id, e);
            }
        }
        return new JobView(job.id, job.mode.name(), job.status.name(), job.fileName, job.total, job.processed,
                job.created, job.unchanged, job.invalid, job.duplicates, job.committed, job.failure, job.createdAt,
                job.finishedAt, rows);
    }

    private static String localized(String code, String fallback, Locale locale) {
        String message = ProblemMessages.field(code, locale);
        return message.equals(code) && fallback != null ? fallback : message;
    }
}
