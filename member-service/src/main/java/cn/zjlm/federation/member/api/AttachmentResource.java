package cn.zjlm.federation.member.api;

import cn.zjlm.federation.commons.audit.AuditTrail;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import cn.zjlm.federation.commons.text.Sha256;
import cn.zjlm.federation.member.domain.MemberAttachment;
import cn.zjlm.federation.member.domain.MemberRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/members/{id}/attachments")
@Tag(name = "Members 会员登记")
@RolesAllowed({Roles.PROVINCE_ADMIN, Roles.CITY_ADMIN, Roles.CITY_STAFF, Roles.COUNTY_STAFF})
public class AttachmentResource {
    /** Accepted types and the bytes their files start with; the declared type must match the content. */
    static final Map<String, byte[]> SIGNATURES = Map.of(
            "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
            "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
            "application/pdf", "%PDF-".getBytes(StandardCharsets.US_ASCII));

    @Inject
    MemberRegistry registry;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    UriInfo uriInfo;

    @Inject
    AttachmentsConfig config;

    public record AttachmentView(UUID id, MemberAttachment.Kind kind, String fileName, String contentType, int size,
            String sha256, Instant uploadedAt, String uploadedBy) {
        static AttachmentView of(MemberAttachment a) {
            return new AttachmentView(a.id, a.kind, a.fileName, a.contentType, a.size, a.sha256, a.uploadedAt,
                    a.uploadedBy);
        }
    }

    @POST
    @Consumes({"image/jpeg", "image/png", "application/pdf"})
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Attach a scanned registration form or photo (JPEG, PNG or PDF)",
            description = "The content must match its declared type and stay within the size limit; the same "
                    + "file uploaded twice is kept once (200 with the existing attachment).")
    public Response upload(@PathParam("id") UUID memberId, @QueryParam("kind") @DefaultValue("REGISTRATION_FORM")
            MemberAttachment.Kind kind, @HeaderParam("X-File-Name") String fileName,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] content) {
        // X-File-Name: the file's name, percent-encoded UTF-8 (e.g. %E7%99%BB%E8%AE%B0%E8%A1%A8.pdf)
        registry.find(memberId, caller.scope()).orElseThrow(() -> ProblemException.notFound("member"));
        String type = contentType.split(";")[0].strip().toLowerCase();
        if (content == null || content.length == 0) {
            throw ProblemException.invalidField("file", "attachment.empty");
        }
        if (content.length > config.maxSize().asLongValue()) {
            throw new ProblemException(413, "payload-too-large");
        }
        if (!startsWith(content, SIGNATURES.get(type))) {
            throw ProblemException.invalidField("file", "attachment.content-mismatch");
        }
        String sha256 = Sha256.hex(content);
        MemberAttachment existing = MemberAttachment.find("memberId = ?1 and sha256 = ?2", memberId, sha256)
                .firstResult();
        if (existing != null) {
            return Response.ok(AttachmentView.of(existing)).build();
        }
        MemberAttachment a = new MemberAttachment();
        a.id = UUID.randomUUID();
        a.memberId = memberId;
        a.kind = kind;
        a.fileName = safeName(fileName, type);
        a.contentType = type;
        a.size = content.length;
        a.sha256 = sha256;
        a.content = content;
        a.uploadedAt = Instant.now();
        a.uploadedBy = caller.username();
        a.persist();
        return Response.created(uriInfo.getAbsolutePathBuilder().path(a.id.toString()).build())
                .entity(AttachmentView.of(a)).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The member's attachments (metadata only)")
    public List<AttachmentView> list(@PathParam("id") UUID memberId) {
        registry.find(memberId, caller.scope()).orElseThrow(() -> ProblemException.notFound("member"));
        return MemberAttachment.<MemberAttachment>list("memberId = ?1 order by uploadedAt", memberId).stream()
                .map(AttachmentView::of).toList();
    }

    @GET
    @Path("{attachmentId}")
    @Produces({"image/jpeg", "image/png", "application/pdf"})
    @Transactional
    @Operation(summary = "Download an attachment", description = "Scans show sensitive values in clear: every "
            + "download is kept in the audit trail.")
    public Response download(@PathParam("id") UUID memberId, @PathParam("attachmentId") UUID attachmentId) {
        registry.find(memberId, caller.scope()).orElseThrow(() -> ProblemException.notFound("member"));
        MemberAttachment a = MemberAttachment.<MemberAttachment>find("id = ?1 and memberId = ?2", attachmentId,
                memberId).firstResultOptional().orElseThrow(() -> ProblemException.notFound("attachment"));
        audit.record("ATTACHMENT_READ", "member/" + memberId + "/attachment/" + a.id, "SUCCESS", a.kind.name());
        return Response.ok(a.content, a.contentType)
                .header("Content-Disposition", "attachment; filename*=UTF-8''"
                        + java.net.URLEncoder.encode(a.fileName, StandardCharsets.UTF_8).replace("+", "%20"))
                .header("X-Content-Type-Options", "nosniff").tag(a.sha256).build();
    }

    private static boolean startsWith(byte[] content, byte[] signature) {
        if (signature == null || content.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (content[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }

    /** Decodes the percent-encoded UTF-8 name (headers carry ASCII only) and keeps the base name, cleaned. */
    static String safeName(String fileName, String type) {
        String decoded = fileName;
        if (fileName != null) {
            try {
                decoded = java.net.URLDecoder.decode(fileName.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notEncoded) {
                decoded = fileName;
            }
        }
        String name = decoded == null ? "" : decoded.replaceAll(".*[/\\\\]", "").replaceAll("[\\p{Cc}\"<>|:*?]", "")
                .strip();
        if (name.isEmpty()) {
            name = "attachment." + type.substring(type.indexOf('/') + 1);
        }
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }
}
