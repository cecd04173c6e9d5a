package cn.zjlm.federation.member.api;

import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.identity.AssociationCode;
import cn.zjlm.federation.member.domain.Association;
import cn.zjlm.federation.commons.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The association tree is public reference data for any signed-in caller. */
@Path("/api/v1/associations")
@Tag(name = "Associations 协会")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AssociationResource {

    public record AssociationNode(String code, String name, String division, String level, String parentCode,
            List<AssociationNode> children) {
    }

    @GET
    @Operation(summary = "The whole association tree, province first")
    public AssociationNode tree() {
        return subtree("330000");
    }

    @GET
    @Path("{code}")
    @Operation(summary = "One association with everything under it")
    public AssociationNode one(@PathParam("code") String code) {
        if (!AssociationCode.isWellFormed(code)) {
            throw ProblemException.notFound("association");
        }
        return subtree(code);
    }

    public record BranchRequest(
            @NotBlank @jakarta.validation.constraints.Pattern(regexp = "[0-9A-Z]{2,8}",
                    message = "{association-code.invalid}") String suffix,
            @NotBlank @Size(max = 100) String name) {
    }

    @POST
    @Path("{code}/branches")
    @RolesAllowed(Roles.PROVINCE_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Add an industry branch (产业分会) under an association",
            description = "Province administrators only; the branch code is the parent's code, '-' and the suffix.")
    public Response addBranch(@PathParam("code") String parentCode, @NotNull @Valid BranchRequest request) {
        Association parent = AssociationCode.isWellFormed(parentCode) ? Association.findById(parentCode) : null;
        if (parent == null || "BRANCH".equals(parent.level)) {
            throw ProblemException.notFound("association");
        }
        String code = parent.code + "-" + request.suffix();
        if (Association.findById(code) != null) {
            throw new ProblemException(409, "duplicate", java.util.List.of(
                    new cn.zjlm.federation.commons.error.Problem.FieldViolation("suffix", "association-code.taken", null)));
        }
        Association branch = new Association();
        branch.code = code;
        branch.name = request.name().strip();
        branch.division = parent.division;
        branch.parentCode = parent.code;
        branch.level = "BRANCH";
        branch.persist();
        return Response.created(UriBuilder.fromPath("/api/v1/associations/{code}").build(code))
                .entity(new AssociationNode(code, branch.name, branch.division, branch.level, parent.code, List.of()))
                .build();
    }

    private AssociationNode subtree(String code) {
        Association root = Association.findById(code);
        if (root == null) {
            throw ProblemException.notFound("association");
        }
        // One query for the subtree, assembled in memory (the tree has about a hundred nodes).
        Map<String, List<Association>> byParent = new LinkedHashMap<>();
        for (Association a : Association.inScope(AssociationCode.scopePattern(code))) {
            byParent.computeIfAbsent(a.parentCode, k -> new ArrayList<>()).add(a);
        }
        return build(root, byParent);
    }

    private static AssociationNode build(Association a, Map<String, List<Association>> byParent) {
        List<AssociationNode> children = byParent.getOrDefault(a.code, List.of()).stream()
                .map(c -> build(c, byParent)).toList();
        return new AssociationNode(a.code, a.name, a.division, a.level, a.parentCode, children);
    }
}
