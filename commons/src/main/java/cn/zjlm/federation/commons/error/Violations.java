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

    /** "create.request.person.nationalId" → "person.nationalId": drops method and parameter nodes. */
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
            String name = node.getName() == null ? "" : node.getName();
            if (node.getIndex() != null) {
                name = name + "[" + node.getIndex() + "]";
            }
            if (!name.isEmpty()) {
                parts.add(name);
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
