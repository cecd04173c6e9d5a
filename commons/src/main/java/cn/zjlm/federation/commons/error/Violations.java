package cn.zjlm.federation.commons.error;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.List;

/** Field paths and stable codes of Bean Validation violations, as problem details report them. */
public final class Violations {
    private Violations() {
    }

    /** "create.request.person.nationalId" → "person.nationalId", "items[2].name": drops method and parameter nodes. */
    public static String fieldPath(Path path) {
        List<String> parts = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            // A node inside a list carries the list index: it belongs to the list's own name.
            if (node.isInIterable() && !parts.isEmpty()) {
                String key = node.getIndex() != null ? node.getIndex().toString()
                        : node.getKey() != null ? node.getKey().toString() : "";
                parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + key + "]");
            }
            if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getName() != null && !node.getName().isEmpty()) {
                parts.add(node.getName());
            }
        }
        return parts.isEmpty() ? (parameter == null ? "" : parameter) : String.join(".", parts);
    }

    /** The violation's stable code: our message key, or "constraint.<annotation>" for standard constraints. */
    public static String code(ConstraintViolation<?> v) {
        String template = v.getMessageTemplate();
        if (template.startsWith("{") && template.endsWith("}") && !template.startsWith("{jakarta.")) {
            return template.substring(1, template.length() - 1);
        }
        String annotation = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return "constraint." + annotation.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
    }
}
