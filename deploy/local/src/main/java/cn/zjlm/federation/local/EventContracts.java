package cn.zjlm.federation.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Validates events against the contracts in docs/events/{type}.schema.json (producer and consumer tests). */
public final class EventContracts {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventContracts() {
    }

    /** Returns the violations of {@code eventJson} against the schema of its own type; empty when valid. */
    public static Set<ValidationMessage> violations(String eventJson) {
        try {
            JsonNode event = MAPPER.readTree(eventJson);
            String type = event.path("type").asText();
            return schema(type).validate(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonSchema schema(String type) {
        return SCHEMAS.computeIfAbsent(type, t -> {
            Path file = docsDir().resolve("events").resolve(t + ".schema.json");
            if (!Files.exists(file)) {
                throw new IllegalStateException("no contract for event type " + t + " at " + file);
            }
            try {
                SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(Files.readString(file), config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The repository's docs/ directory, found from the module's working directory. */
    public static Path docsDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs/events"))) {
                return dir.resolve("docs");
            }
        }
        throw new IllegalStateException("docs/events not found above " + Path.of("").toAbsolutePath());
    }
}
