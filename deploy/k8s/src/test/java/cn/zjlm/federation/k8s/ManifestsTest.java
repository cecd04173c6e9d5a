package cn.zjlm.federation.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zjlm.federation.commons.events.EventTopics;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Static checks of each overlay as kustomize renders it; a failure names the object and the rule. */
class ManifestsTest {
    private static final List<String> APPS = List.of("gateway", "member-service", "honors-service", "care-service",
            "events-service");
    /** Services created by operators rather than by these manifests. */
    private static final Map<String, Set<Integer>> OPERATOR_SERVICES = Map.of("federation-keycloak-service", Set.of(8080));

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyAppRunsHardenedWithProbesResourcesAutoscalingAndDisruptionBudget(String name) {
        RenderedOverlay overlay = RenderedOverlay.of(name);
        List<Deployment> deployments = overlay.all(Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(APPS);
        List<String> problems = new ArrayList<>();
        for (Deployment d : deployments) {
            String app = d.getMetadata().getName();
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            if (!Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot())
                    || !String.valueOf(pod.getSecurityContext().getRunAsUser()).equals(ServiceImages.USER)) {
                problems.add(app + ": pod must run as non-root user " + ServiceImages.USER);
            }
            if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
                problems.add(app + ": service account token must not be mounted");
            }
            for (Container c : java.util.stream.Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream()).toList()) {
                var sc = c.getSecurityContext();
                if (sc == null || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())
                        || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())
                        || sc.getCapabilities() == null || !sc.getCapabilities().getDrop().contains("ALL")) {
                    problems.add(app + "/" + c.getName() + ": read-only root, no privilege escalation, drop ALL");
                }
                var res = c.getResources();
                if (res == null || !res.getRequests().keySet().containsAll(List.of("cpu", "memory"))
                        || !res.getLimits().containsKey("memory")) {
                    problems.add(app + "/" + c.getName() + ": cpu and memory requests and a memory limit");
                }
                if (pod.getInitContainers().contains(c)) {
                    continue; // runs to completion before the pod starts: no probes
                }
                checkProbe(problems, app, "startup", c.getStartupProbe(), "/q/health/started", c);
                checkProbe(problems, app, "liveness", c.getLivenessProbe(), "/q/health/live", c);
                checkProbe(problems, app, "readiness", c.getReadinessProbe(), "/q/health/ready", c);
            }
            if (overlay.all(HorizontalPodAutoscaler.class).stream().noneMatch(
                    h -> h.getSpec().getScaleTargetRef().getName().equals(app)
                            && h.getSpec().getScaleTargetRef().getKind().equals("Deployment"))) {
                problems.add(app + ": no HorizontalPodAutoscaler");
            }
            if (overlay.all(PodDisruptionBudget.class).stream().noneMatch(
                    p -> matches(p.getSpec().getSelector(), podLabels(d)))) {
                problems.add(app + ": no PodDisruptionBudget");
            }
            if (overlay.all(Service.class).stream().noneMatch(s -> podLabels(d).entrySet()
                    .containsAll(s.getSpec().getSelector().entrySet()))) {
                problems.add(app + ": no Service selects its pods");
            }
            if (!matches(d.getSpec().getSelector(), podLabels(d))) {
                problems.add(app + ": selector does not match its pod labels");
            }
        }
        assertThat(problems).isEmpty();
    }

    private static void checkProbe(List<String> problems, String app, String kind, Probe probe, String path,
            Container c) {
        if (probe == null || probe.getHttpGet() == null || !path.equals(probe.getHttpGet().getPath())
                || port(c, probe.getHttpGet().getPort()) == null) {
            problems.add(app + ": " + kind + " probe must GET " + path + " on a container port");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void portsAgreeBetweenAppsServicesProbesRoutesIngressAndMonitors(String name) {
        RenderedOverlay overlay = RenderedOverlay.of(name);
        List<String> problems = new ArrayList<>();
        Map<String, Set<Integer>> servicePorts = new HashMap<>(OPERATOR_SERVICES);
        for (Service s : overlay.all(Service.class)) {
            Deployment target = overlay.all(Deployment.class).stream()
                    .filter(d -> podLabels(d).entrySet().containsAll(s.getSpec().getSelector().entrySet()))
                    .findFirst().orElse(null);
            if (target == null) {
                problems.add("Service " + s.getMetadata().getName() + " selects no pods");
                continue;
            }
            Container c = target.getSpec().getTemplate().getSpec().getContainers().get(0);
            for (var p : s.getSpec().getPorts()) {
                servicePorts.computeIfAbsent(s.getMetadata().getName(), k -> new HashSet<>()).add(p.getPort());
                ContainerPort cp = port(c, p.getTargetPort());
                if (cp == null) {
                    problems.add("Service " + s.getMetadata().getName() + " targets port " + p.getTargetPort()
                            + " that " + target.getMetadata().getName() + " does not expose");
                } else if (!String.valueOf(cp.getContainerPort()).equals(env(c, "QUARKUS_HTTP_PORT"))
                        || cp.getContainerPort() != ServiceImages.PORT) {
                    problems.add(target.getMetadata().getName() + ": container port " + cp.getContainerPort()
                            + " is not the port the application listens on (QUARKUS_HTTP_PORT, image)");
                }
            }
        }
        // The gateway's routes name the services' Services and ports, and every route it has is set.
        Container gateway = overlay.all(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals("gateway"))
                .findFirst().orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0);
        Properties gatewayConfig = properties("gateway");
        Set<String> routes = gatewayConfig.stringPropertyNames().stream().filter(k -> k.matches("gateway\\.routes\\.[a-z]+\\.url"))
                .map(k -> k.split("\\.")[2]).collect(Collectors.toSet());
        for (String route : routes) {
            String url = env(gateway, "GATEWAY_ROUTES_" + route.toUpperCase() + "_URL");
            if (url == null) {
                problems.add("gateway: route " + route + " has no GATEWAY_ROUTES_" + route.toUpperCase() + "_URL");
                continue;
            }
            var uri = java.net.URI.create(url);
            int port = uri.getPort() < 0 ? 80 : uri.getPort();
            if (!servicePorts.getOrDefault(uri.getHost(), Set.of()).contains(port)) {
                problems.add("gateway: route " + route + " goes to " + url + ", which no Service offers");
            }
        }
        for (Ingress ingress : overlay.all(Ingress.class)) {
            for (var rule : ingress.getSpec().getRules()) {
                for (var path : rule.getHttp().getPaths()) {
                    var backend = path.getBackend().getService();
                    boolean known = backend.getPort().getName() != null
                            ? overlay.all(Service.class).stream().anyMatch(s -> s.getMetadata().getName().equals(backend.getName())
                                    && s.getSpec().getPorts().stream().anyMatch(p -> backend.getPort().getName().equals(p.getName())))
                            : servicePorts.getOrDefault(backend.getName(), Set.of()).contains(backend.getPort().getNumber());
                    if (!known) {
                        problems.add("Ingress " + rule.getHost() + " goes to unknown " + backend.getName());
                    }
                }
            }
            assertThat(ingress.getSpec().getTls()).as("TLS for every Ingress host").isNotEmpty();
            assertThat(ingress.getSpec().getTls().get(0).getHosts())
                    .containsExactlyInAnyOrderElementsOf(ingress.getSpec().getRules().stream().map(r -> r.getHost()).toList());
        }
        for (JsonNode monitor : overlay.kind("ServiceMonitor")) {
            Map<String, String> selector = map(monitor.at("/spec/selector/matchLabels"));
            List<Service> selected = overlay.all(Service.class).stream()
                    .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
            if (selected.isEmpty()) {
                problems.add("ServiceMonitor " + monitor.at("/metadata/name").asText() + " selects no Service");
            }
            for (JsonNode endpoint : monitor.at("/spec/endpoints")) {
                for (Service s : selected) {
                    if (s.getSpec().getPorts().stream().noneMatch(p -> endpoint.path("port").asText().equals(p.getName()))) {
                        problems.add("ServiceMonitor scrapes port " + endpoint.path("port") + " missing on "
                                + s.getMetadata().getName());
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyConfigurationAndSecretReferenceExistsAndNoSecretValueIsCommitted(String name) {
        RenderedOverlay overlay = RenderedOverlay.of(name);
        assertThat(overlay.all(Secret.class)).as("Secrets are created by operators, never committed").isEmpty();
        Map<String, Set<String>> configMaps = new HashMap<>();
        for (ConfigMap cm : overlay.all(ConfigMap.class)) {
            configMaps.put(cm.getMetadata().getName(), cm.getData().keySet());
            assertThat(cm.getData().keySet()).as("ConfigMap " + cm.getMetadata().getName() + " holds no secrets")
                    .noneMatch(k -> k.matches("(?i).*(password|secret|encryption_key|index_key).*"));
        }
        Map<String, Set<String>> secrets = knownSecrets(overlay);
        List<String> problems = new ArrayList<>();
        for (Deployment d : overlay.all(Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                String where = d.getMetadata().getName() + " env ";
                for (EnvVar e : c.getEnv()) {
                    if (e.getValueFrom() == null) {
                        continue;
                    }
                    var cmRef = e.getValueFrom().getConfigMapKeyRef();
                    var secretRef = e.getValueFrom().getSecretKeyRef();
                    if (cmRef != null && !configMaps.getOrDefault(cmRef.getName(), Set.of()).contains(cmRef.getKey())) {
                        problems.add(where + e.getName() + ": no key " + cmRef.getKey() + " in ConfigMap " + cmRef.getName());
                    }
                    if (secretRef != null && !secrets.getOrDefault(secretRef.getName(), Set.of()).contains(secretRef.getKey())) {
                        problems.add(where + e.getName() + ": no key " + secretRef.getKey() + " in Secret " + secretRef.getName());
                    }
                }
                for (var from : c.getEnvFrom()) {
                    if (from.getConfigMapRef() != null && !configMaps.containsKey(from.getConfigMapRef().getName())) {
                        problems.add(where + "from missing ConfigMap " + from.getConfigMapRef().getName());
                    }
                    if (from.getSecretRef() != null && !secrets.containsKey(from.getSecretRef().getName())) {
                        problems.add(where + "from missing Secret " + from.getSecretRef().getName());
                    }
                }
            }
        }
        // Secret references inside the operators' custom resources: {name, key} pairs anywhere under spec.
        for (JsonNode doc : overlay.documents()) {
            if (doc.path("kind").asText().equals("Deployment")) {
                continue; // checked above, where config map and secret references are told apart
            }
            collectSecretRefs(doc.path("spec"), (secret, key) -> {
                if (!secrets.getOrDefault(secret, Set.of()).contains(key)) {
                    problems.add(doc.path("kind").asText() + " " + doc.at("/metadata/name").asText()
                            + " needs key " + key + " of Secret " + secret + ", which nothing provides");
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyVariableSetForAnAppIsASettingItReads(String name) throws IOException {
        RenderedOverlay overlay = RenderedOverlay.of(name);
        List<String> problems = new ArrayList<>();
        Set<String> settings = settingNames(RenderedOverlay.ROOT.resolve(
                "commons/src/main/resources/META-INF/microprofile-config.properties"));
        for (Deployment d : overlay.all(Deployment.class)) {
            String app = d.getMetadata().getName();
            Set<String> known = new HashSet<>(settings);
            known.addAll(settingNames(RenderedOverlay.ROOT.resolve(app).resolve("src/main/resources/application.properties")));
            for (String variable : variables(overlay, d.getSpec().getTemplate().getSpec().getContainers().get(0))) {
                if (variable.matches("(FEDERATION|GATEWAY)_.*") && !known.contains(variable)) {
                    problems.add(app + ": " + variable + " matches no setting the application reads");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Every variable a container gets: its own, and every key of the ConfigMaps and Secrets it takes whole. */
    private static Set<String> variables(RenderedOverlay overlay, Container c) {
        Set<String> names = new TreeSet<>();
        c.getEnv().forEach(e -> names.add(e.getName()));
        Map<String, Set<String>> secrets = knownSecrets(overlay);
        for (var from : c.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                overlay.all(ConfigMap.class).stream()
                        .filter(cm -> cm.getMetadata().getName().equals(from.getConfigMapRef().getName()))
                        .forEach(cm -> names.addAll(cm.getData().keySet()));
            }
            if (from.getSecretRef() != null) {
                names.addAll(secrets.getOrDefault(from.getSecretRef().getName(), Set.of()));
            }
        }
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kafkaTopicsAreExactlyTheTopicsTheCodeUses(String name) throws IOException {
        RenderedOverlay overlay = RenderedOverlay.of(name);
        Map<String, Integer> declared = new TreeMap<>();
        for (JsonNode topic : overlay.kind("KafkaTopic")) {
            declared.put(topic.at("/spec/topicName").asText(), topic.at("/spec/partitions").asInt());
            assertThat(topic.at("/spec/replicas").asInt()).as("replicas of " + topic.at("/spec/topicName")).isEqualTo(3);
            assertThat(topic.at("/spec/config/min.insync.replicas").asInt()).isEqualTo(2);
        }
        assertThat(declared).isEqualTo(new TreeMap<>(EventTopics.all()));
        for (String app : APPS) {
            Properties config = properties(app);
            for (String key : config.stringPropertyNames()) {
                if (key.endsWith(".topic")) {
                    assertThat(declared).as(app + " " + key).containsKey(config.getProperty(key));
                }
            }
        }
        JsonNode kafka = overlay.kind("Kafka").get(0);
        assertThat(kafka.at("/spec/kafka/config/min.insync.replicas").asInt()).isEqualTo(2);
        assertThat(overlay.kind("KafkaNodePool")).allSatisfy(pool -> assertThat(pool.at("/spec/replicas").asInt()).isEqualTo(3));
        assertThat(overlay.documents()).as("ZooKeeper-free").allSatisfy(d -> assertThat(d.at("/spec/zookeeper").isMissingNode()).isTrue());
        assertThat(kafka.at("/metadata/annotations/strimzi.io~1kraft").asText()).isEqualTo("enabled");
        assertThat(env(overlay, "FEDERATION_KAFKA_BOOTSTRAP_SERVERS"))
                .startsWith(kafka.at("/metadata/name").asText() + "-kafka-bootstrap:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceHasItsOwnBackedUpDatabaseClusterAndOnlyItReachesIt(String name) {
        RenderedOverlay overlay = RenderedOverlay.of(name);
        Map<String, JsonNode> clusters = new LinkedHashMap<>();
        overlay.kind("Cluster").forEach(c -> clusters.put(c.at("/metadata/name").asText(), c));
        List<String> problems = new ArrayList<>();
        for (Deployment d : overlay.all(Deployment.class)) {
            String app = d.getMetadata().getName();
            if (app.equals("gateway")) {
                continue;
            }
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            String host = env(c, "FEDERATION_DB_HOST");
            JsonNode cluster = host == null ? null : clusters.get(host.replaceFirst("-rw$", ""));
            String database = properties(app).getProperty("quarkus.datasource.jdbc.url").replaceFirst(".*/", "");
            if (cluster == null || !cluster.at("/spec/bootstrap/initdb/database").asText().equals(database)) {
                problems.add(app + ": FEDERATION_DB_HOST " + host + " is not the -rw service of a Cluster holding " + database);
                continue;
            }
            if (cluster.at("/spec/instances").asInt() != 3) {
                problems.add(host + ": 3 instances");
            }
            String clusterName = cluster.at("/metadata/name").asText();
            // The service logs in as a managed role of its own cluster; only its init container, which migrates
            // the schema and exits, holds the owner's password.
            String runtimeSecret = secretOf(c, "FEDERATION_DB_USERNAME");
            boolean managedRole = false;
            for (JsonNode role : cluster.at("/spec/managed/roles")) {
                managedRole |= role.at("/passwordSecret/name").asText().equals(runtimeSecret);
            }
            List<Container> init = d.getSpec().getTemplate().getSpec().getInitContainers();
            boolean ownerOnlyInInit = secretOf(c, "FEDERATION_DB_OWNER_PASSWORD") == null
                    && "false".equals(env(c, "QUARKUS_FLYWAY_MIGRATE_AT_START")) && init.size() == 1
                    && (clusterName + "-app").equals(secretOf(init.get(0), "FEDERATION_DB_OWNER_PASSWORD"))
                    && "true".equals(env(init.get(0), "QUARKUS_INIT_AND_EXIT"))
                    && c.getImage().equals(init.get(0).getImage());
            if (!managedRole || !ownerOnlyInInit) {
                problems.add(app + ": runs as a managed role of " + clusterName + "; only an init container migrates as its owner");
            }
            if (overlay.kind("ScheduledBackup").stream().noneMatch(b -> b.at("/spec/cluster/name").asText().equals(clusterName))) {
                problems.add(clusterName + ": no ScheduledBackup");
            }
            if (overlay.all(NetworkPolicy.class).stream().noneMatch(p -> clusterName.equals(
                    p.getSpec().getPodSelector().getMatchLabels().get("cnpg.io/cluster"))
                    && p.getSpec().getIngress().stream().anyMatch(rule -> rule.getFrom().stream().anyMatch(
                            peer -> peer.getPodSelector() != null && app.equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name")))))) {
                problems.add(clusterName + ": no NetworkPolicy admitting " + app);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(overlay.kind("Keycloak").get(0).at("/spec/db/host").asText().replaceFirst("-rw$", "")).isIn(clusters.keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void networkIsDeniedByDefaultAndOpenedOnlyWhereTheArchitectureNeeds(String name) {
        RenderedOverlay overlay = RenderedOverlay.of(name);
        List<NetworkPolicy> policies = overlay.all(NetworkPolicy.class);
        for (Deployment d : overlay.all(Deployment.class)) {
            Map<String, String> labels = podLabels(d);
            List<NetworkPolicy> applying = policies.stream().filter(p -> matches(p.getSpec().getPodSelector(), labels)).toList();
            assertThat(applying).as(d.getMetadata().getName() + " is covered by a default-deny policy").anyMatch(p ->
                    p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                            && p.getSpec().getIngress().isEmpty() && p.getSpec().getEgress().isEmpty());
            List<String> ingressNamespaces = applying.stream().flatMap(p -> p.getSpec().getIngress().stream())
                    .flatMap(r -> r.getFrom().stream()).filter(peer -> peer.getNamespaceSelector() != null)
                    .map(peer -> peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name")).toList();
            // traces go to the collector in the monitoring namespace: that port, to that namespace
            java.net.URI traces = java.net.URI.create(env(overlay, "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
            assertThat(traces.getHost()).endsWith(".monitoring.svc");
            assertThat(applying.stream().flatMap(p -> p.getSpec().getEgress().stream())
                    .filter(r -> r.getTo().stream().anyMatch(peer -> peer.getNamespaceSelector() != null
                            && "monitoring".equals(peer.getNamespaceSelector().getMatchLabels()
                                    .get("kubernetes.io/metadata.name"))))
                    .flatMap(r -> r.getPorts().stream()).map(port -> port.getPort().getIntVal()))
                    .as(d.getMetadata().getName() + " may send traces to " + traces).contains(traces.getPort());
            if (d.getMetadata().getName().equals("gateway")) {
                assertThat(ingressNamespaces).as("the gateway is reached from the ingress controller").contains("ingress-nginx");
            } else {
                assertThat(ingressNamespaces).as(d.getMetadata().getName() + " is not reachable from outside")
                        .doesNotContain("ingress-nginx");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void theDashboardChartsOnlyBusinessMetricsTheServicesPublish() throws IOException {
        Set<String> published = new HashSet<>(Set.of("federation_pii_values_under_old_keys"));
        var gauge = java.util.regex.Pattern.compile("federation\\.metrics\\.gauges\\.\"([\\w.]+)\"\\.query");
        List<Path> configs = new ArrayList<>(APPS.stream().map(a -> RenderedOverlay.ROOT.resolve(a)
                .resolve("src/main/resources/application.properties")).toList());
        configs.add(RenderedOverlay.ROOT.resolve("commons/src/main/resources/META-INF/microprofile-config.properties"));
        for (Path config : configs) {
            var m = gauge.matcher(Files.readString(config));
            while (m.find()) {
                published.add(m.group(1).replace('.', '_'));
            }
        }
        String dashboard = Files.readString(RenderedOverlay.ROOT.resolve("deploy/k8s/base/monitoring/federation-dashboard.json"));
        var charted = java.util.regex.Pattern.compile("federation_[a-z_]+").matcher(dashboard).results()
                .map(r -> r.group()).collect(Collectors.toSet());
        assertThat(charted).isNotEmpty();
        assertThat(published).containsAll(charted);
    }

    // --- helpers

    static Map<String, String> podLabels(Deployment d) {
        return d.getSpec().getTemplate().getMetadata().getLabels();
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        boolean ok = selector.getMatchLabels() == null || labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
        for (var e : selector.getMatchExpressions()) {
            String value = labels.get(e.getKey());
            ok &= switch (e.getOperator()) {
                case "In" -> e.getValues().contains(value);
                case "NotIn" -> !e.getValues().contains(value);
                case "Exists" -> value != null;
                default -> value == null;
            };
        }
        return ok;
    }

    private static ContainerPort port(Container c, IntOrString port) {
        return c.getPorts().stream().filter(p -> port.getStrVal() != null ? port.getStrVal().equals(p.getName())
                : port.getIntVal().equals(p.getContainerPort())).findFirst().orElse(null);
    }

    private static String env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst().orElse(null);
    }

    private static String env(RenderedOverlay overlay, String name) {
        return overlay.all(ConfigMap.class).stream().map(cm -> cm.getData().get(name)).filter(v -> v != null)
                .findFirst().orElse(null);
    }

    private static String secretOf(Container c, String variable) {
        return c.getEnv().stream().filter(e -> e.getName().equals(variable) && e.getValueFrom() != null
                && e.getValueFrom().getSecretKeyRef() != null).map(e -> e.getValueFrom().getSecretKeyRef().getName())
                .findFirst().orElse(null);
    }

    /** Secrets the platform relies on: from ExternalSecrets, and the app Secrets CloudNativePG creates. */
    private static Map<String, Set<String>> knownSecrets(RenderedOverlay overlay) {
        Map<String, Set<String>> secrets = new HashMap<>();
        for (JsonNode es : overlay.kind("ExternalSecret")) {
            Set<String> keys = new HashSet<>();
            es.at("/spec/data").forEach(d -> keys.add(d.path("secretKey").asText()));
            es.at("/spec/target/template/data").fieldNames().forEachRemaining(keys::add);
            secrets.put(es.at("/spec/target/name").asText(), keys);
        }
        for (JsonNode cluster : overlay.kind("Cluster")) {
            secrets.put(cluster.at("/metadata/name").asText() + "-app",
                    Set.of("username", "password", "host", "port", "dbname", "uri", "jdbc-uri"));
        }
        secrets.put("federation-tls", Set.of("tls.crt", "tls.key")); // issued by cert-manager for the Ingress
        return secrets;
    }

    private static void collectSecretRefs(JsonNode node, java.util.function.BiConsumer<String, String> ref) {
        if (node.isObject()) {
            if (node.has("name") && node.has("key") && node.size() == 2) {
                ref.accept(node.get("name").asText(), node.get("key").asText());
            }
            node.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("realm")) {
                    collectSecretRefs(f.getValue(), ref);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectSecretRefs(n, ref));
        }
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> m = new HashMap<>();
        node.fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().asText()));
        return m;
    }

    static Properties properties(String app) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(RenderedOverlay.ROOT.resolve(app).resolve("src/main/resources/application.properties"))) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }

    /** Environment-variable forms of every setting a properties file defines or reads through ${...}. */
    private static Set<String> settingNames(Path file) throws IOException {
        Set<String> names = new HashSet<>();
        String text = Files.readString(file);
        var keys = java.util.regex.Pattern.compile("(?m)^(?:%[\\w,-]+\\.)?([\\w.\"-]+)=|\\$\\{([\\w.-]+)").matcher(text);
        while (keys.find()) {
            String key = keys.group(1) != null ? keys.group(1) : keys.group(2);
            names.add(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase());
        }
        return names;
    }
}
