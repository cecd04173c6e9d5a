package cn.zjlm.federation.commons.text;

import cn.zjlm.federation.commons.error.ProblemException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Text may not carry control characters (other than tab and line breaks): they are never meant, break
 * exports and terminals, and PostgreSQL refuses NUL outright. Refused as a field error in JSON bodies and
 * in query and path parameters, before anything is read or stored.
 */
@Singleton
public class ControlCharacters implements ObjectMapperCustomizer {
    public static final String CODE = "text.control-characters";

    public static boolean present(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    /**
     * A JSON value refused by a field code (control characters, a date beyond four-digit years); mapped to a 400
     * naming the field ("work.description", "days[0].name").
     */
    public static final class InJson extends MismatchedInputException { // the kind quarkus-rest passes on unwrapped
        private final String field;
        private final String code;

        InJson(JsonParser parser) {
            this(parser, CODE, String.class);
        }

        public InJson(JsonParser parser, String code, Class<?> type) {
            super(parser, code, type);
            this.code = code;
            StringBuilder path = new StringBuilder();
            for (var context = parser.getParsingContext(); context != null && !context.inRoot(); context = context.getParent()) {
                String step = context.inArray() ? "[" + context.getCurrentIndex() + "]"
                        : (context.getParent() == null || context.getParent().inRoot() ? "" : ".") + context.getCurrentName();
                path.insert(0, step);
            }
            this.field = path.toString();
        }

        public String field() {
            return field;
        }

        public String code() {
            return code;
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        JsonDeserializer<? extends JsonNode> trees = JsonNodeDeserializer.getDeserializer(JsonNode.class);
        mapper.registerModule(new SimpleModule("control-characters").addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = super.deserialize(p, ctxt);
                if (text != null && present(text)) {
                    throw new InJson(p);
                }
                return text;
            }
        }).addDeserializer(JsonNode.class, new StdDeserializer<JsonNode>(JsonNode.class) {
            // free-form JSON (rule parameters) is stored as jsonb, which refuses NUL outright
            @Override
            public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                JsonNode tree = trees.deserialize(p, ctxt);
                if (anyIn(tree)) {
                    throw new InJson(p);
                }
                return tree;
            }

            @Override
            public JsonNode getNullValue(DeserializationContext ctxt) {
                return NullNode.getInstance();
            }
        }));
    }

    private static boolean anyIn(JsonNode node) {
        if (node.isTextual()) {
            return present(node.asText());
        }
        for (var fields = node.fields(); fields.hasNext(); ) {
            var field = fields.next();
            if (present(field.getKey()) || anyIn(field.getValue())) {
                return true;
            }
        }
        for (JsonNode element : node.isArray() ? node : NullNode.getInstance()) {
            if (anyIn(element)) {
                return true;
            }
        }
        return false;
    }

    @ServerRequestFilter(preMatching = false)
    public void refuseInParameters(ContainerRequestContext request) {
        check(request.getUriInfo().getQueryParameters());
        check(request.getUriInfo().getPathParameters());
    }

    private static void check(Map<String, List<String>> parameters) {
        parameters.forEach((name, values) -> {
            if (values.stream().anyMatch(ControlCharacters::present)) {
                throw ProblemException.invalidField(name, CODE);
            }
        });
    }
}
