package cn.zjlm.federation.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An overlay as kustomize renders it: typed objects (fabric8) and, for custom resources, their tree. */
record RenderedOverlay(String name, List<HasMetadata> objects, List<JsonNode> documents) {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<String, RenderedOverlay> RENDERED = new ConcurrentHashMap<>();

    static RenderedOverlay of(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> {
            String yaml = Kustomize.build(ROOT.resolve("deploy/k8s/overlays").resolve(o));
            List<HasMetadata> objects = new ArrayList<>();
            List<JsonNode> documents = new ArrayList<>();
            try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    documents.add(doc);
                    objects.add(SERIALIZATION.unmarshal(doc.toString(), HasMetadata.class));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return new RenderedOverlay(o, objects, documents);
        });
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<JsonNode> kind(String kind) {
        return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    @Override
    public String toString() {
        return name;
    }
}
