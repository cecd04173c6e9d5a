package cn.zjlm.federation.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zjlm.federation.commons.security.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RealmImportsTest {
    private static final Path ROOT = RenderedOverlay.ROOT;

    @Test
    void theCommittedRealmImportsAreGeneratedFromTheLocalRealm() throws IOException {
        assertThat(Files.readString(ROOT.resolve(RealmImports.DEV)))
                .as("regenerate with RealmImports (see its javadoc)")
                .isEqualTo(RealmImports.render(ROOT.resolve(RealmImports.LOCAL_REALM), false));
        assertThat(Files.readString(ROOT.resolve(RealmImports.PROD)))
                .isEqualTo(RealmImports.render(ROOT.resolve(RealmImports.LOCAL_REALM), true));
    }

    @Test
    void productionHasNoDemoUsersNoPasswordGrantAndNoClientSecretValues() {
        JsonNode prod = realm("prod");
        assertThat(prod.path("users")).isNotEmpty().allSatisfy(u ->
                assertThat(u.has("serviceAccountClientId")).as(u.path("username").asText()).isTrue());
        assertThat(prod.path("clients")).allSatisfy(c -> {
            assertThat(c.path("directAccessGrantsEnabled").asBoolean()).as(c.path("clientId").asText()).isFalse();
            if (c.has("secret")) {
                assertThat(c.path("secret").asText()).matches("\\$\\{[A-Z_]+}");
            }
            c.path("redirectUris").forEach(uri -> assertThat(uri.asText()).doesNotContain("localhost"));
        });
        JsonNode dev = realm("dev");
        assertThat(dev.path("users").findValuesAsText("username")).contains("hz-staff", "lm-chen");
    }

    @Test
    void theRealmsRolesAreExactlyTheRolesTheCodeChecks() throws IOException {
        Set<String> declared = new TreeSet<>();
        for (Field f : Roles.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                declared.add((String) get(f));
            }
        }
        Set<String> checked = new TreeSet<>();
        Pattern constant = Pattern.compile("Roles\\.([A-Z_]+)");
        Pattern property = Pattern.compile("(?m)roles-allowed=(.+)$");
        for (String app : List.of("member-service", "honors-service", "care-service", "events-service", "gateway")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(app).resolve("src/main"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(file);
                    Matcher m = constant.matcher(text);
                    while (m.find()) {
                        Object value = get(fieldOf(m.group(1)));
                        checked.addAll(value instanceof String[] many ? List.of(many) : List.of((String) value));
                    }
                    Matcher p = property.matcher(text);
                    while (p.find()) {
                        checked.addAll(List.of(p.group(1).strip().split("\\s*,\\s*")));
                    }
                }
            }
        }
        assertThat(checked).as("roles the code checks").isEqualTo(declared);
        for (String overlay : List.of("dev", "prod")) {
            Set<String> realmRoles = new HashSet<>(realm(overlay).path("roles").path("realm").findValuesAsText("name"));
            assertThat(realmRoles).as("realm roles in " + overlay).isEqualTo(declared);
        }
    }

    private static JsonNode realm(String overlay) {
        return RenderedOverlay.of(overlay).kind("KeycloakRealmImport").get(0).at("/spec/realm");
    }

    private static Field fieldOf(String name) {
        try {
            return Roles.class.getField(name);
        } catch (NoSuchFieldException e) {
            throw new AssertionError("Roles." + name + " is not a role", e);
        }
    }

    private static Object get(Field f) {
        try {
            return f.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
