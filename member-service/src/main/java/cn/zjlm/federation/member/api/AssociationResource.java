package cn.zjlm.federation.member.api;

import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.identity.AssociationCode;
import cn.zjlm.federation.member.domain.Association;
import io.quarkus.security.Authenticated;
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

    private AssociationNode subtree(String code) {
        Association root = Association.findById(code);
        if (root == null) {
            throw ProblemException.notFound("association");
        }
        // One query for the subtree, assembled in memory (the tree has about a hundred nodes).
        Map<String, List<Association>> byParent = new LinkedHashMap<>();
        for (Association a : Association.underPrefix(AssociationCode.scopePrefix(code))) {
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
