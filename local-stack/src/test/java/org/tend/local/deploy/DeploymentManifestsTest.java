package org.tend.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tend.local.RepositoryRoot;
import org.tend.local.TopicAccess;
import org.tend.security.Role;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What an operator deploys ({@code deploy/}) cannot drift from what the platform needs unseen: the Kubernetes overlays
 * (rendered with {@code kubectl kustomize} where the machine has kubectl, else assembled here from the kustomizations
 * and their strategic-merge patches, and the two compared where both exist), the compose deployment, the Kafka topics
 * and ACLs (against {@link TopicAccess}, the table the local stack's broker applies) and the image's Dockerfile.
 *
 * <p>Images cannot be built on this machine (no container engine), so the Dockerfile is checked for its structure.
 */
class DeploymentManifestsTest {

    /** The five services: context name, Deployment name, port. */
    private static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("assessment", 8081);
        SERVICES.put("catalogue", 8082);
        SERVICES.put("goal", 8083);
        SERVICES.put("progress", 8084);
        SERVICES.put("insights", 8085);
    }

    /** Environment variable names whose values are secrets: never a literal {@code value:} in a manifest. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|KEY|CREDENTIAL|MONGODB_URI).*|.*_TOKEN");
    /** What the JVM needs beside the heap (metaspace, code cache, threads, buffers): an estimate, not a measurement. */
    private static final long NON_HEAP_MIB = 384;
    private static final Set<String> OVERLAYS = Set.of("base", "overlays/production");
    private static final String SERVICE_TIER = "service";

    private static Path root;
    private static Path deploy;

    @BeforeAll
    static void findRepository() {
        root = RepositoryRoot.findUpwards(Path.of("").toAbsolutePath()).orElseThrow();
        deploy = root.resolve("deploy");
    }

    // ------------------------------------------------------------------------------------------ Kubernetes workloads

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void everyWorkloadIsProbedLimitedAndLockedDown(String overlay) throws Exception {
        List<Map<String, Object>> objects = render(overlay);
        List<Map<String, Object>> deployments = ofKind(objects, "Deployment");
        assertThat(deployments).as("Deployments of " + overlay).extracting(DeploymentManifestsTest::name)
                .containsExactlyInAnyOrder("assessment-service", "catalogue-service", "goal-service", "progress-service",
                        "insights-service", "gateway");
        long defaultHeap = heapMiB(Files.readString(deploy.resolve("jvm/service.options")))
                .orElseThrow(() -> new AssertionError("no -Xmx in deploy/jvm/service.options"));
        for (Map<String, Object> deployment : deployments) {
            String where = overlay + " " + name(deployment);
            Map<String, Object> pod = map(deployment, "spec", "template", "spec");
            Map<String, Object> podSecurity = map(pod, "securityContext");
            List<Map<String, Object>> containers = list(pod, "containers");
            assertThat(containers).as(where).isNotEmpty();
            assertThat(list(pod, "initContainers")).as(where + " init containers (unchecked)").isEmpty();
            for (Map<String, Object> c : containers) {
                String at = where + "/" + c.get("name");
                assertThat(str(c, "readinessProbe", "httpGet", "path")).as(at + " readiness probe")
                        .isEqualTo("/actuator/health/readiness");
                assertThat(str(c, "livenessProbe", "httpGet", "path")).as(at + " liveness probe")
                        .isEqualTo("/actuator/health/liveness");
                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        assertThat(str(c, "resources", kind, resource)).as(at + " resources." + kind + "." + resource)
                                .isNotBlank();
                    }
                }
                Map<String, Object> security = map(c, "securityContext");
                Object nonRoot = security.containsKey("runAsNonRoot") ? security.get("runAsNonRoot")
                        : podSecurity.get("runAsNonRoot");
                assertThat(nonRoot).as(at + " runAsNonRoot").isEqualTo(true);
                assertThat(security.get("readOnlyRootFilesystem")).as(at + " readOnlyRootFilesystem").isEqualTo(true);
                assertThat(security.get("allowPrivilegeEscalation")).as(at + " allowPrivilegeEscalation")
                        .isEqualTo(false);
                assertThat(values(security, "capabilities", "drop")).as(at + " capabilities.drop").contains("ALL");
                assertThat(values(security, "capabilities", "add")).as(at + " capabilities.add").isEmpty();
                // /tmp is the one writable place: an emptyDir.
                String tmpVolume = list(c, "volumeMounts").stream().filter(m -> "/tmp".equals(m.get("mountPath")))
                        .map(m -> (String) m.get("name")).findFirst().orElse(null);
                assertThat(tmpVolume).as(at + " mounts a volume at /tmp").isNotNull();
                assertThat(list(pod, "volumes").stream().filter(v -> tmpVolume.equals(v.get("name")))
                        .anyMatch(v -> v.containsKey("emptyDir"))).as(at + " /tmp is an emptyDir").isTrue();
                assertPinned(at, str(c, "image"));
                // The memory limit holds the heap the JVM is told to use, and what it needs beside it.
                long heap = env(c).stream().filter(e -> "TEND_JAVA_OPTS".equals(e.get("name")))
                        .map(e -> heapMiB(String.valueOf(e.get("value")))).flatMap(java.util.Optional::stream)
                        .reduce((a, b) -> b).orElse(defaultHeap);
                assertThat(mebibytes(str(c, "resources", "limits", "memory"))).as(at + " memory limit (MiB) vs heap "
                        + heap + " MiB + " + NON_HEAP_MIB).isGreaterThanOrEqualTo(heap + NON_HEAP_MIB);
                assertThat(mebibytes(str(c, "resources", "requests", "memory"))).as(at + " memory request")
                        .isEqualTo(mebibytes(str(c, "resources", "limits", "memory")));
                // A stable per-instance name: the pod's.
                assertThat(env(c)).as(at + " TEND_INSTANCE_ID").anySatisfy(e -> {
                    assertThat(e.get("name")).isEqualTo("TEND_INSTANCE_ID");
                    assertThat(str(e, "valueFrom", "fieldRef", "fieldPath")).isEqualTo("metadata.name");
                });
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void noSecretIsWrittenIntoAManifest(String overlay) throws Exception {
        List<Map<String, Object>> objects = render(overlay);
        assertThat(ofKind(objects, "Secret")).as(overlay + " defines no Secret (they are created from a secret store)")
                .isEmpty();
        for (Map<String, Object> deployment : ofKind(objects, "Deployment")) {
            for (Map<String, Object> c : list(map(deployment, "spec", "template", "spec"), "containers")) {
                for (Map<String, Object> e : env(c)) {
                    String variable = String.valueOf(e.get("name"));
                    if (SECRET_NAME.matcher(variable).matches()) {
                        assertThat(e).as(overlay + " " + name(deployment) + " " + variable + " is inlined")
                                .doesNotContainKey("value");
                        assertThat(str(e, "valueFrom", "secretKeyRef", "name")).as(overlay + " " + name(deployment)
                                + " " + variable + " comes from a Secret").isNotBlank();
                    }
                }
                for (Map<String, Object> from : list(c, "envFrom")) {
                    assertThat(from.keySet()).as(overlay + " envFrom").isSubsetOf(Set.of("configMapRef", "secretRef"));
                }
            }
        }
        for (Map<String, Object> config : ofKind(objects, "ConfigMap")) {
            for (String key : map(config, "data").keySet()) {
                assertThat(SECRET_NAME.matcher(key).matches()).as(overlay + " ConfigMap " + name(config) + " holds "
                        + key).isFalse();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void everyDeploymentHasAServiceABudgetAndAnAutoscaler(String overlay) throws Exception {
        List<Map<String, Object>> objects = render(overlay);
        for (Map<String, Object> deployment : ofKind(objects, "Deployment")) {
            String name = name(deployment);
            Map<String, Object> podLabels = map(deployment, "spec", "template", "metadata", "labels");
            assertThat(ofKind(objects, "Service")).as(overlay + " Service for " + name)
                    .anySatisfy(s -> assertThat(podLabels).containsAllEntriesOf(map(s, "spec", "selector")));
            assertThat(ofKind(objects, "PodDisruptionBudget")).as(overlay + " PodDisruptionBudget for " + name)
                    .anySatisfy(p -> {
                        assertThat(map(p, "spec", "selector", "matchLabels")).isNotEmpty();
                        assertThat(podLabels).containsAllEntriesOf(map(p, "spec", "selector", "matchLabels"));
                        assertThat(map(p, "spec")).containsKey("minAvailable");
                    });
            assertThat(ofKind(objects, "HorizontalPodAutoscaler")).as(overlay + " HorizontalPodAutoscaler for " + name)
                    .anySatisfy(h -> {
                        assertThat(str(h, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
                        assertThat(str(h, "spec", "scaleTargetRef", "name")).isEqualTo(name);
                        int min = ((Number) map(h, "spec").get("minReplicas")).intValue();
                        assertThat(min).isGreaterThanOrEqualTo(2);
                        assertThat(((Number) map(h, "spec").get("maxReplicas")).intValue()).isGreaterThan(min);
                    });
        }
    }

    @Test
    void productionRaisesReplicasAndPinsEveryImage() throws Exception {
        List<Map<String, Object>> base = render("base");
        List<Map<String, Object>> production = render("overlays/production");
        for (Map<String, Object> deployment : ofKind(production, "Deployment")) {
            Map<String, Object> original = byName(base, "Deployment", name(deployment));
            assertThat(((Number) map(deployment, "spec").get("replicas")).intValue()).as(name(deployment) + " replicas")
                    .isGreaterThan(((Number) map(original, "spec").get("replicas")).intValue());
            for (Map<String, Object> c : list(map(deployment, "spec", "template", "spec"), "containers")) {
                assertPinned(name(deployment), str(c, "image"));
            }
        }
        for (Map<String, Object> hpa : ofKind(production, "HorizontalPodAutoscaler")) {
            Map<String, Object> original = byName(base, "HorizontalPodAutoscaler", name(hpa));
            assertThat(((Number) map(hpa, "spec").get("minReplicas")).intValue()).as(name(hpa) + " minReplicas")
                    .isGreaterThan(((Number) map(original, "spec").get("minReplicas")).intValue());
        }
        Map<String, Object> kustomization = yamlMap(deploy.resolve("k8s/overlays/production/kustomization.yaml"));
        assertThat(values(kustomization, "resources")).as("the production overlay never applies the example secrets")
                .noneSatisfy(r -> assertThat(String.valueOf(r)).contains("secrets"));
    }

    // ------------------------------------------------------------------------------------------ NetworkPolicies

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void networkPoliciesLetOnlyTheGatewayReachTheServicesAndOnlyTheServicesReachTheData(String overlay)
            throws Exception {
        List<Map<String, Object>> objects = render(overlay);
        List<Map<String, Object>> policies = ofKind(objects, "NetworkPolicy");
        // Default deny: every pod, both directions, no rule.
        assertThat(policies).as(overlay + " default deny").anySatisfy(p -> {
            assertThat(map(p, "spec", "podSelector")).isEmpty();
            assertThat(values(p, "spec", "policyTypes")).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(list(p, "spec", "ingress")).isEmpty();
            assertThat(list(p, "spec", "egress")).isEmpty();
        });
        // DNS for every pod.
        assertThat(policies).as(overlay + " DNS allowed").anySatisfy(p -> {
            assertThat(map(p, "spec", "podSelector")).isEmpty();
            assertThat(list(p, "spec", "egress")).anySatisfy(rule -> assertThat(ports(rule)).contains(53));
        });

        Map<String, Map<String, Object>> podLabels = new TreeMap<>();
        for (Map<String, Object> d : ofKind(objects, "Deployment")) {
            podLabels.put(name(d), map(d, "spec", "template", "metadata", "labels"));
        }
        Map<String, Object> gatewayLabels = podLabels.get("gateway");
        // A pod with nothing of Tend's labels: what any other workload in the namespace would be.
        Map<String, Object> strangerLabels = Map.of("app.kubernetes.io/name", "something-else");
        for (Map<String, Object> policy : policies) {
            String where = overlay + " NetworkPolicy " + name(policy);
            assertThat(map(policy, "spec", "podSelector")).as(where + " uses matchLabels only")
                    .doesNotContainKey("matchExpressions");
            for (Map<String, Object> rule : list(policy, "spec", "ingress")) {
                assertThat(list(rule, "from")).as(where + ": an ingress rule without `from` admits everyone")
                        .isNotEmpty();
                boolean selectsService = podLabels.entrySet().stream()
                        .filter(e -> SERVICE_TIER.equals(e.getValue().get("tend.org/tier")))
                        .anyMatch(e -> selects(policy, e.getValue()));
                if (selectsService) {
                    for (Map<String, Object> peer : list(rule, "from")) {
                        assertThat(peer.keySet()).as(where + ": services admit pods of this namespace only")
                                .containsExactly("podSelector");
                        assertThat(map(peer, "podSelector", "matchLabels")).as(where + ": services admit the gateway"
                                + " alone").isEqualTo(Map.of("app.kubernetes.io/name", "gateway"));
                    }
                }
            }
            for (Map<String, Object> rule : list(policy, "spec", "egress")) {
                boolean data = reachesData(rule);
                if (data || list(rule, "to").isEmpty() && ports(rule).isEmpty()) {
                    // Kafka, MongoDB, or anything at all: never for the gateway or a stranger.
                    assertThat(selects(policy, gatewayLabels)).as(where + ": the gateway reaches Kafka or MongoDB")
                            .isFalse();
                    assertThat(selects(policy, strangerLabels)).as(where + ": any pod reaches Kafka or MongoDB")
                            .isFalse();
                }
                if (!data && list(rule, "to").isEmpty() && ports(rule).isEmpty()) {
                    // An allow-all egress is only for Strimzi's own pods.
                    assertThat(map(policy, "spec", "podSelector", "matchLabels")).as(where + ": allow-all egress")
                            .containsKey("strimzi.io/cluster");
                }
            }
        }
        // The gateway is reachable from the ingress controller, on its port.
        assertThat(policies).as(overlay + " gateway reachable from the ingress").anySatisfy(p -> {
            assertThat(selects(p, gatewayLabels)).isTrue();
            assertThat(list(p, "spec", "ingress")).anySatisfy(rule -> {
                assertThat(ports(rule)).contains(8080);
                assertThat(list(rule, "from")).anySatisfy(peer -> assertThat(peer).containsKey("namespaceSelector"));
            });
        });
        // Every service may reach Kafka and MongoDB, and is reachable by the gateway on its port.
        for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
            Map<String, Object> labels = podLabels.get(service.getKey() + "-service");
            assertThat(policies).as(overlay + " " + service.getKey() + " reaches Kafka").anySatisfy(p -> {
                assertThat(selects(p, labels)).isTrue();
                assertThat(list(p, "spec", "egress")).anySatisfy(rule -> assertThat(reachesKafka(rule)).isTrue());
            });
            assertThat(policies).as(overlay + " " + service.getKey() + " reaches MongoDB").anySatisfy(p -> {
                assertThat(selects(p, labels)).isTrue();
                assertThat(list(p, "spec", "egress")).anySatisfy(rule -> assertThat(ports(rule)).contains(27017));
            });
            assertThat(policies).as(overlay + " the gateway reaches " + service.getKey()).anySatisfy(p -> {
                assertThat(selects(p, gatewayLabels)).isTrue();
                assertThat(list(p, "spec", "egress")).anySatisfy(rule -> assertThat(ports(rule))
                        .contains(service.getValue()));
            });
            assertThat(policies).as(overlay + " " + service.getKey() + " admits the gateway").anySatisfy(p -> {
                assertThat(selects(p, labels)).isTrue();
                assertThat(list(p, "spec", "ingress")).anySatisfy(rule -> assertThat(ports(rule))
                        .contains(service.getValue()));
            });
        }
        // Strimzi's policy on the brokers admits the services alone.
        Map<String, Object> kafka = byName(objects, "Kafka", "tend");
        for (Map<String, Object> listener : list(kafka, "spec", "kafka", "listeners")) {
            assertThat(list(listener, "networkPolicyPeers")).as(overlay + " Kafka listener " + listener.get("name")
                    + " peers").isNotEmpty().allSatisfy(peer -> assertThat(map(peer, "podSelector", "matchLabels"))
                    .containsEntry("tend.org/tier", SERVICE_TIER));
        }
    }

    // ------------------------------------------------------------------------------------------ Kafka (Strimzi)

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void strimziTopicsAndUsersAreTheAccessTable(String overlay) throws Exception {
        List<Map<String, Object>> objects = render(overlay);
        Map<String, String> topics = new TreeMap<>();
        for (Map<String, Object> topic : ofKind(objects, "KafkaTopic")) {
            Map<String, Object> spec = map(topic, "spec");
            String topicName = spec.containsKey("topicName") ? (String) spec.get("topicName") : name(topic);
            Map<String, String> config = new TreeMap<>();
            map(spec, "config").forEach((k, v) -> config.put(k, String.valueOf(v)));
            topics.put(topicName, spec.get("partitions") + " " + spec.get("replicas") + " " + config);
        }
        assertThat(topics).as(overlay + " KafkaTopics").isEqualTo(expectedTopics());

        Set<String> acls = new TreeSet<>();
        Set<String> users = new TreeSet<>();
        for (Map<String, Object> user : ofKind(objects, "KafkaUser")) {
            users.add(name(user));
            assertThat(str(user, "spec", "authentication", "type")).as(overlay + " " + name(user))
                    .isEqualTo("scram-sha-512");
            for (Map<String, Object> acl : list(user, "spec", "authorization", "acls")) {
                assertThat(acl.getOrDefault("host", "*")).isEqualTo("*");
                assertThat(acl.getOrDefault("type", "allow")).isEqualTo("allow");
                String pattern = String.valueOf(map(acl, "resource").getOrDefault("patternType", "literal"));
                for (Object operation : values(acl, "operations")) {
                    acls.add(acl(name(user), String.valueOf(operation), str(acl, "resource", "type"),
                            str(acl, "resource", "name"), pattern.equals("prefix") ? "PREFIXED" : pattern));
                }
            }
        }
        assertThat(acls).as(overlay + " KafkaUser ACLs").isEqualTo(expectedAcls());
        Set<String> expectedUsers = new TreeSet<>();
        TopicAccess.PRINCIPALS.forEach(p -> expectedUsers.add(p.name()));
        expectedUsers.add(TopicAccess.ADMIN);
        assertThat(users).as(overlay + " KafkaUsers").isEqualTo(expectedUsers);

        Map<String, Object> kafka = byName(objects, "Kafka", "tend");
        assertThat(values(kafka, "spec", "kafka", "authorization", "superUsers")).as("super users")
                .containsExactly(TopicAccess.ADMIN);
        assertThat(str(kafka, "spec", "kafka", "version")).as("Kafka version: the one the project builds against")
                .isEqualTo(kafkaVersion());
        assertThat(list(kafka, "spec", "kafka", "listeners")).as(overlay + " listeners").isNotEmpty()
                .allSatisfy(l -> {
                    assertThat(str(l, "authentication", "type")).isEqualTo("scram-sha-512");
                    assertThat(l.get("tls")).isEqualTo(true);
                });
        Map<String, Object> config = map(kafka, "spec", "kafka", "config");
        assertThat(String.valueOf(config.get("min.insync.replicas"))).isEqualTo("2");
        assertThat(String.valueOf(config.get("default.replication.factor"))).isEqualTo("3");
        assertThat(String.valueOf(config.get("auto.create.topics.enable"))).isEqualTo("false");

        // Each service logs in as its own principal, with the password Strimzi made for it.
        for (String service : SERVICES.keySet()) {
            Map<String, Object> c = list(map(byName(objects, "Deployment", service + "-service"), "spec", "template",
                    "spec"), "containers").get(0);
            Map<String, Map<String, Object>> env = env(c).stream()
                    .collect(Collectors.toMap(e -> (String) e.get("name"), e -> e));
            assertThat(env.get("KAFKA_SASL_USERNAME")).as(service + " principal")
                    .containsEntry("value", service);
            assertThat(str(env.get("KAFKA_SASL_PASSWORD"), "valueFrom", "secretKeyRef", "name"))
                    .as(service + " password: its KafkaUser's Secret").isEqualTo(service);
        }
    }

    // ------------------------------------------------------------------------------------------ compose

    @Test
    void composeRunsTwoOfEachServiceBehindTheGatewayAlone() throws Exception {
        Map<String, Object> compose = yamlMap(deploy.resolve("compose/compose.yaml"));
        Map<String, Object> services = map(compose, "services");
        assertThat(services.keySet()).contains("gateway", "keycloak", "kafka-1", "kafka-2", "kafka-3", "kafka-init",
                "mongo-1", "mongo-2", "mongo-3", "mongo-init");
        assertThat(services.entrySet().stream().filter(e -> ((Map<?, ?>) e.getValue()).containsKey("ports"))
                .map(Map.Entry::getKey)).as("services with a published port").containsExactly("gateway");
        List<String> tend = new ArrayList<>();
        SERVICES.keySet().forEach(s -> tend.add(s + "-service"));
        for (String service : tend) {
            Map<String, Object> s = map(services, service);
            assertThat(map(s, "deploy").get("replicas")).as(service + " replicas").isEqualTo(2);
            assertThat(values(s, "env_file")).as(service + " secrets").contains("secrets/common.env",
                    "secrets/" + service.replace("-service", "") + ".env");
            assertThat(str(s, "environment", "KAFKA_SASL_USERNAME")).as(service + " principal")
                    .isEqualTo(service.replace("-service", ""));
        }
        tend.add("gateway");
        for (String service : tend) {
            Map<String, Object> s = map(services, service);
            assertThat(s.get("read_only")).as(service + " read_only").isEqualTo(true);
            assertThat(values(s, "tmpfs")).as(service + " tmpfs").anySatisfy(t -> assertThat(String.valueOf(t))
                    .startsWith("/tmp"));
            assertThat(String.valueOf(s.get("user"))).as(service + " user").matches("[1-9][0-9]*(:[0-9]+)?");
            assertThat(values(s, "cap_drop")).as(service + " cap_drop").contains("ALL");
            assertThat(str(s, "deploy", "resources", "limits", "memory")).as(service + " memory limit").isNotBlank();
            long limit = mebibytes(str(s, "deploy", "resources", "limits", "memory"));
            long heap = heapMiB(Files.readString(deploy.resolve("jvm/service.options"))).orElseThrow();
            assertThat(limit).as(service + " memory limit vs heap").isGreaterThanOrEqualTo(heap + NON_HEAP_MIB);
        }
        Map<String, String> envExample = envFile(deploy.resolve("compose/.env.example"));
        for (Map.Entry<String, Object> entry : services.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) entry.getValue();
            for (Map.Entry<String, String> e : environment(s).entrySet()) {
                if (SECRET_NAME.matcher(e.getKey()).matches()) {
                    assertThat(e.getKey().endsWith("_FILE") && e.getValue().startsWith("/run/secrets/"))
                            .as("compose " + entry.getKey() + " " + e.getKey() + " is a secret written into the file")
                            .isTrue();
                }
            }
            if (s.containsKey("image")) {
                assertPinned("compose " + entry.getKey(), interpolate(String.valueOf(s.get("image")), envExample));
            }
        }
        String kafkaImage = interpolate(String.valueOf(map(services, "kafka-1").get("image")), envExample);
        assertThat(kafkaImage).as("compose's Kafka image: the version the project builds against")
                .isEqualTo("apache/kafka:" + kafkaVersion());
        assertThat(envExample.get("KAFKA_IMAGE")).isEqualTo("apache/kafka:" + kafkaVersion());
        assertThat(envExample.get("TEND_VERSION")).as("TEND_VERSION").isNotBlank().isNotEqualTo("latest");
    }

    @Test
    void composesKafkaInitCreatesTheAccessTablesTopicsAndAcls() throws Exception {
        Map<String, Object> compose = yamlMap(deploy.resolve("compose/compose.yaml"));
        Map<String, Object> init = map(map(compose, "services"), "kafka-init");
        assertThat(values(init, "volumes")).as("kafka-init mounts").contains("./kafka/init.sh:/tend/init.sh:ro",
                "./kafka/topics.txt:/tend/topics.txt:ro", "./kafka/acls.txt:/tend/acls.txt:ro");
        String script = Files.readString(deploy.resolve("compose/kafka/init.sh"));
        assertThat(script).contains("/topics.txt", "/acls.txt", "--replication-factor \"$replicas\"",
                "kafka-acls.sh", "--add-config \"SCRAM-SHA-512=[password=");
        for (String user : TopicAccess.PRINCIPALS.stream().map(TopicAccess.Principal::name).toList()) {
            assertThat(values(init, "secrets")).as("kafka-init has the password of " + user)
                    .contains("kafka_" + user + "_password");
        }

        Map<String, String> topics = new TreeMap<>();
        for (String[] row : rows(deploy.resolve("compose/kafka/topics.txt"))) {
            assertThat(row).as(String.join(" ", row)).hasSize(4);
            Map<String, String> config = new TreeMap<>();
            for (String pair : row[3].split(",")) {
                String[] kv = pair.split("=", 2);
                config.put(kv[0], kv[1]);
            }
            topics.put(row[0], row[1] + " " + row[2] + " " + config);
        }
        assertThat(topics).as("compose kafka/topics.txt").isEqualTo(expectedTopics());

        Set<String> acls = new TreeSet<>();
        for (String[] row : rows(deploy.resolve("compose/kafka/acls.txt"))) {
            assertThat(row).as(String.join(" ", row)).hasSize(5);
            acls.add(acl(row[0], row[1], row[2], row[3], row[4]));
        }
        assertThat(acls).as("compose kafka/acls.txt").isEqualTo(expectedAcls());

        String broker = Files.readString(deploy.resolve("compose/kafka/broker.sh"));
        assertThat(broker).contains("allow.everyone.if.no.acl.found=false", "super.users=User:admin;User:broker",
                "min.insync.replicas=2", "default.replication.factor=3", "auto.create.topics.enable=false",
                "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    }

    @Test
    void composesMongoDbIsAKeyedReplicaSetWithAUserPerService() throws Exception {
        Map<String, Object> services = map(yamlMap(deploy.resolve("compose/compose.yaml")), "services");
        for (String member : List.of("mongo-1", "mongo-2", "mongo-3")) {
            assertThat(values(map(services, member), "secrets")).as(member + " secrets").contains("mongo_keyfile");
        }
        String member = Files.readString(deploy.resolve("compose/mongo/member.sh"));
        assertThat(member).contains("--replSet", "--keyFile", "install -m 400");
        String init = Files.readString(deploy.resolve("compose/mongo/init.sh"));
        assertThat(init).contains("rs.initiate", "for service in " + String.join(" ", SERVICES.keySet()) + ";",
                "role: 'readWrite', db: database", "TEND_DB=\"tend-${service}\"");
        String secrets = Files.readString(deploy.resolve("compose/make-secrets.sh"));
        assertThat(secrets).contains("MONGODB_URI=mongodb://${service}:", "/tend-${service}?replicaSet=rs0");
        for (String service : SERVICES.keySet()) {
            assertThat(values(map(services, "mongo-init"), "secrets")).as("mongo-init has " + service + "'s password")
                    .contains("mongo_" + service + "_password");
        }
    }

    @Test
    void keycloaksRealmGivesTheGatewayItsClientAndTheServicesTheirClaims() throws Exception {
        Map<String, Object> realm;
        try (InputStream in = Files.newInputStream(deploy.resolve("compose/keycloak/tend-realm.json"))) {
            realm = new com.fasterxml.jackson.databind.ObjectMapper().readValue(in,
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        }
        assertThat(list(realm, "roles", "realm").stream().map(r -> r.get("name")).toList()).as("realm roles")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Role.values()).map(Role::claimValue).toList());
        Map<String, Object> client = list(realm, "clients").stream()
                .filter(c -> "tend-gateway".equals(c.get("clientId"))).findFirst().orElseThrow();
        assertThat(client.get("publicClient")).as("confidential").isEqualTo(false);
        assertThat(client.get("standardFlowEnabled")).as("authorization code").isEqualTo(true);
        assertThat(client.get("directAccessGrantsEnabled")).isEqualTo(false);
        assertThat(client.get("implicitFlowEnabled")).isEqualTo(false);
        assertThat(str(client, "attributes", "pkce.code.challenge.method")).as("PKCE").isEqualTo("S256");
        assertThat(String.valueOf(client.get("secret"))).as("the client secret comes from the environment")
                .matches("\\$\\{[A-Z0-9_]+}");
        List<Map<String, Object>> mappers = new ArrayList<>();
        for (Map<String, Object> scope : list(realm, "clientScopes")) {
            if (values(client, "defaultClientScopes").contains(scope.get("name"))) {
                mappers.addAll(list(scope, "protocolMappers"));
            }
        }
        assertThat(mappers).as("audience").anySatisfy(m -> {
            assertThat(m.get("protocolMapper")).isEqualTo("oidc-audience-mapper");
            assertThat(str(m, "config", "included.custom.audience")).isEqualTo("${TEND_JWT_AUDIENCE}");
            assertThat(str(m, "config", "access.token.claim")).isEqualTo("true");
        });
        assertThat(mappers).as("roles claim").anySatisfy(m -> {
            assertThat(m.get("protocolMapper")).isEqualTo("oidc-usermodel-realm-role-mapper");
            assertThat(str(m, "config", "claim.name")).isEqualTo("roles");
            assertThat(str(m, "config", "multivalued")).isEqualTo("true");
            assertThat(str(m, "config", "access.token.claim")).isEqualTo("true");
        });
        assertThat(mappers).as("org claim").anySatisfy(m -> {
            assertThat(str(m, "config", "claim.name")).isEqualTo("org");
            assertThat(str(m, "config", "access.token.claim")).isEqualTo("true");
        });
        assertThat(mappers).as("sub claim").anySatisfy(m -> assertThat(m.get("protocolMapper"))
                .isEqualTo("oidc-sub-mapper"));
    }

    // ------------------------------------------------------------------------------------------ image

    @Test
    void theDockerfileIsMultiStageFromTheMavenBuildWithLayersOnAJreAsANonRootUser() throws Exception {
        List<String> lines = dockerfileInstructions(Files.readString(deploy.resolve("docker/Dockerfile")));
        Map<String, String> globalArgs = new LinkedHashMap<>();
        List<List<String>> stages = new ArrayList<>();
        List<String> stageBases = new ArrayList<>();
        Set<String> stageNames = new TreeSet<>();
        for (String line : lines) {
            String instruction = line.split("\\s+", 2)[0].toUpperCase();
            if (instruction.equals("FROM")) {
                String[] words = line.split("\\s+");
                String image = interpolate(words[1], globalArgs);
                stageBases.add(image);
                if (!stageNames.contains(image)) {
                    assertPinned("Dockerfile FROM " + words[1], image);
                }
                if (words.length >= 4 && words[2].equalsIgnoreCase("AS")) {
                    stageNames.add(words[3]);
                }
                stages.add(new ArrayList<>());
            } else if (stages.isEmpty()) {
                if (instruction.equals("ARG") && line.contains("=")) {
                    String[] kv = line.substring(4).trim().split("=", 2);
                    globalArgs.put(kv[0], kv[1]);
                }
            } else {
                stages.get(stages.size() - 1).add(line);
            }
        }
        assertThat(stages).as("stages").hasSizeGreaterThanOrEqualTo(2);
        String all = String.join("\n", lines);
        assertThat(all).as("built by the Maven wrapper, the module and what it needs").contains("./mvnw")
                .contains("package").contains("-pl").contains("-am").contains("-exec.jar");
        assertThat(all).doesNotContainIgnoringCase(":latest");
        String bootVersion = bootVersion();
        if (compareVersions(bootVersion, "3.3") >= 0) {
            assertThat(all).as("Boot " + bootVersion + ": the tools jar mode")
                    .contains("-Djarmode=tools").contains("extract --layers --launcher");
        } else {
            assertThat(all).as("Boot " + bootVersion + ": the layertools jar mode").contains("-Djarmode=layertools");
        }
        String runtimeBase = stageBases.get(stageBases.size() - 1);
        assertThat(runtimeBase).as("the runtime stage's base").contains("jre");
        List<String> runtime = stages.get(stages.size() - 1);
        String runtimeText = String.join("\n", runtime);
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(runtime).as("the runtime copies the " + layer + " layer").anySatisfy(l ->
                    assertThat(l).startsWith("COPY --from=").contains("/" + layer + "/"));
        }
        List<String> users = runtime.stream().filter(l -> l.startsWith("USER ")).toList();
        assertThat(users).as("USER in the runtime stage").isNotEmpty();
        String user = users.get(users.size() - 1).substring(5).trim();
        assertThat(user).as("a numeric non-root user").matches("[0-9]+(:[0-9]+)?");
        assertThat(Integer.parseInt(user.split(":")[0])).as("uid").isGreaterThan(0);
        assertThat(runtime).as("HEALTHCHECK on an actuator health endpoint").anySatisfy(l ->
                assertThat(l).startsWith("HEALTHCHECK").contains("/actuator/health/"));
        assertThat(runtimeText).as("the deployment's JVM options").contains("deploy/jvm/service.options")
                .contains("@/opt/tend/jvm/service.options").contains("JarLauncher");
        assertThat(Files.exists(deploy.resolve("docker/HealthCheck.java"))).as("the health check's source").isTrue();

        List<String> ignored = Files.readAllLines(root.resolve(".dockerignore"));
        assertThat(ignored).as(".dockerignore").contains("**/target/", ".tend/", ".git/", "deploy/compose/secrets/");
    }

    // ------------------------------------------------------------------------------------------ the renderer

    /**
     * The fallback (kubectl missing) is only as good as it is faithful: where kubectl exists, both renderings of
     * every overlay must be the same objects.
     */
    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void theFallbackRendersWhatKubectlRenders(String overlay) throws Exception {
        List<Map<String, Object>> kubectl = kubectlKustomize(deploy.resolve("k8s").resolve(overlay));
        org.junit.jupiter.api.Assumptions.assumeTrue(kubectl != null, "kubectl is not on this machine");
        assertThat(byKey(assemble(deploy.resolve("k8s").resolve(overlay))))
                .as(overlay + ": this test's rendering vs kubectl kustomize").isEqualTo(byKey(kubectl));
    }

    private static final Map<String, List<Map<String, Object>>> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The overlay's objects: kubectl kustomize where it exists, else this test's own assembly. */
    private static List<Map<String, Object>> render(String overlay) throws Exception {
        assertThat(OVERLAYS).contains(overlay);
        List<Map<String, Object>> cached = RENDERED.get(overlay);
        if (cached != null) {
            return cached;
        }
        Path dir = deploy.resolve("k8s").resolve(overlay);
        // -Dtend.deploy.render=fallback runs every check on this test's own rendering even where kubectl exists.
        boolean fallback = "fallback".equals(System.getProperty("tend.deploy.render"));
        List<Map<String, Object>> objects = fallback ? null : kubectlKustomize(dir);
        if (objects == null) {
            objects = assemble(dir);
        }
        RENDERED.put(overlay, objects);
        return objects;
    }

    /** {@code kubectl kustomize dir}, or null when there is no kubectl. */
    private static List<Map<String, Object>> kubectlKustomize(Path dir) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        } catch (IOException noKubectl) {
            return null;
        }
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (process.exitValue() != 0) {
            fail("kubectl kustomize " + dir + " failed: " + err);
        }
        return documents(new String(out, StandardCharsets.UTF_8));
    }

    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");
    private static final Set<String> KUSTOMIZATION_KEYS = Set.of("apiVersion", "kind", "namespace", "resources",
            "images", "patches");
    /** List fields a strategic merge patch merges by their elements' {@code name} (the ones the overlays patch). */
    private static final Set<String> MERGED_BY_NAME = Set.of("containers", "env");

    /**
     * Assembles a kustomization as kustomize would, for the features the overlays use and no others: resources (files
     * and directories), namespace, images (newName, newTag) and strategic-merge patches given by path. Anything else
     * fails here rather than being ignored.
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> assemble(Path dir) throws Exception {
        Map<String, Object> kustomization = yamlMap(dir.resolve("kustomization.yaml"));
        assertThat(KUSTOMIZATION_KEYS).as("kustomization features this test applies, in " + dir)
                .containsAll(kustomization.keySet());
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object resource : (List<Object>) kustomization.getOrDefault("resources", List.of())) {
            Path path = dir.resolve(String.valueOf(resource)).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(assemble(path));
            } else {
                objects.addAll(documents(Files.readString(path)));
            }
        }
        for (Object patchEntry : (List<Object>) kustomization.getOrDefault("patches", List.of())) {
            Map<String, Object> entry = (Map<String, Object>) patchEntry;
            assertThat(entry.keySet()).as("patch entries are {path: file}").containsExactly("path");
            for (Map<String, Object> patch : documents(Files.readString(dir.resolve((String) entry.get("path"))))) {
                Map<String, Object> target = objects.stream()
                        .filter(o -> Objects.equals(o.get("kind"), patch.get("kind")) && name(o).equals(name(patch)))
                        .findFirst().orElseThrow(() -> new AssertionError("patch target " + patch.get("kind") + "/"
                                + name(patch) + " not found"));
                mergeInto(target, patch);
            }
        }
        for (Object imageEntry : (List<Object>) kustomization.getOrDefault("images", List.of())) {
            Map<String, Object> image = (Map<String, Object>) imageEntry;
            for (Map<String, Object> o : objects) {
                if (!"Deployment".equals(o.get("kind"))) {
                    continue;
                }
                for (Map<String, Object> c : list(map(o, "spec", "template", "spec"), "containers")) {
                    String ref = (String) c.get("image");
                    String repository = ref.replaceFirst(":[^:/]+$", "");
                    if (repository.equals(image.get("name"))) {
                        String tag = image.containsKey("newTag") ? String.valueOf(image.get("newTag"))
                                : ref.substring(repository.length() + 1);
                        c.put("image", image.getOrDefault("newName", repository) + ":" + tag);
                    }
                }
            }
        }
        if (kustomization.containsKey("namespace")) {
            for (Map<String, Object> o : objects) {
                if (!CLUSTER_SCOPED.contains(o.get("kind"))) {
                    ((Map<String, Object>) o.get("metadata")).put("namespace", kustomization.get("namespace"));
                }
            }
        }
        return objects;
    }

    /** Strategic merge: maps merge, null deletes, {@link #MERGED_BY_NAME} lists merge by name, other lists replace. */
    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<String, Object> target, Map<String, Object> patch) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            Object current = target.get(e.getKey());
            Object value = e.getValue();
            if (value == null) {
                target.remove(e.getKey());
            } else if (current instanceof Map && value instanceof Map) {
                mergeInto((Map<String, Object>) current, (Map<String, Object>) value);
            } else if (current instanceof List && value instanceof List && MERGED_BY_NAME.contains(e.getKey())) {
                // As kustomize orders them: the patch's items first (merged into the originals they name), then the
                // originals the patch does not name.
                List<Map<String, Object>> originals = new ArrayList<>((List<Map<String, Object>>) current);
                List<Map<String, Object>> merged = new ArrayList<>();
                for (Map<String, Object> item : (List<Map<String, Object>>) value) {
                    Map<String, Object> same = originals.stream().filter(m -> Objects.equals(m.get("name"),
                            item.get("name"))).findFirst().orElse(null);
                    if (same == null) {
                        merged.add(item);
                    } else {
                        mergeInto(same, item);
                        originals.remove(same);
                        merged.add(same);
                    }
                }
                merged.addAll(originals);
                target.put(e.getKey(), merged);
            } else {
                target.put(e.getKey(), value);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ expectations

    /** TopicAccess's topics, each as "partitions replicas {configs}" with replication 3 and min.insync.replicas 2. */
    private static Map<String, String> expectedTopics() {
        Map<String, String> topics = new TreeMap<>();
        for (NewTopic topic : TopicAccess.topics()) {
            Map<String, String> config = new TreeMap<>(topic.configs());
            config.put("min.insync.replicas", "2");
            topics.put(topic.name(), topic.numPartitions() + " 3 " + config);
        }
        return topics;
    }

    private static Set<String> expectedAcls() {
        Set<String> acls = new TreeSet<>();
        for (AclBinding b : TopicAccess.aclBindings()) {
            assertThat(b.entry().host()).isEqualTo("*");
            acls.add(acl(b.entry().principal().replaceFirst("^User:", ""), b.entry().operation().name(),
                    b.pattern().resourceType().name(), b.pattern().name(), b.pattern().patternType().name()));
        }
        return acls;
    }

    private static String acl(String principal, String operation, String type, String name, String pattern) {
        return String.join(" ", principal, operation.toUpperCase(), type.toUpperCase(), name, pattern.toUpperCase());
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static boolean selects(Map<String, Object> policy, Map<String, Object> podLabels) {
        Map<String, Object> matchLabels = map(policy, "spec", "podSelector", "matchLabels");
        return podLabels.entrySet().containsAll(matchLabels.entrySet());
    }

    private static boolean reachesData(Map<String, Object> rule) {
        return reachesKafka(rule) || ports(rule).contains(27017);
    }

    private static boolean reachesKafka(Map<String, Object> rule) {
        boolean kafkaPods = list(rule, "to").stream().anyMatch(peer ->
                map(peer, "podSelector", "matchLabels").containsKey("strimzi.io/cluster"));
        return kafkaPods || ports(rule).contains(9092) || ports(rule).contains(9093);
    }

    private static Set<Integer> ports(Map<String, Object> rule) {
        return list(rule, "ports").stream().map(p -> p.get("port")).filter(Number.class::isInstance)
                .map(p -> ((Number) p).intValue()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void assertPinned(String where, String image) {
        assertThat(image).as(where + " image").isNotBlank().doesNotContain("${");
        String tagged = image.contains("@sha256:") ? image.substring(0, image.indexOf('@')) : image;
        Matcher m = Pattern.compile(".*:([^:/]+)$").matcher(tagged);
        assertThat(m.matches() || image.contains("@sha256:")).as(where + " image " + image + " has a tag or digest")
                .isTrue();
        if (m.matches()) {
            assertThat(m.group(1)).as(where + " image tag").isNotEqualToIgnoringCase("latest");
        }
    }

    private static java.util.Optional<Long> heapMiB(String options) {
        Matcher m = Pattern.compile("(?m)(?:^|\\s)-Xmx(\\d+)([kKmMgG]?)(?=\\s|$)").matcher(options);
        Long heap = null;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            heap = switch (m.group(2).toLowerCase()) {
                case "g" -> n * 1024;
                case "m" -> n;
                case "k" -> n / 1024;
                default -> n / (1024 * 1024);
            };
        }
        return java.util.Optional.ofNullable(heap);
    }

    /** A Kubernetes or compose memory quantity in MiB. */
    private static long mebibytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Ki|Mi|Gi|k|m|g|K|M|G)?b?").matcher(quantity.trim());
        assertThat(m.matches()).as("memory quantity " + quantity).isTrue();
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        return switch (unit) {
            case "Gi", "g", "G" -> n * 1024;
            case "Mi", "m", "M" -> n;
            case "Ki", "k", "K" -> n / 1024;
            default -> n / (1024 * 1024);
        };
    }

    private static String bootVersion() throws IOException {
        Matcher m = Pattern.compile("<artifactId>spring-boot-starter-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(root.resolve("pom.xml")));
        assertThat(m.find()).as("Spring Boot parent in the root pom").isTrue();
        return m.group(1);
    }

    private static String kafkaVersion() throws IOException {
        Matcher m = Pattern.compile("<kafka-broker.version>([^<]+)</kafka-broker.version>")
                .matcher(Files.readString(root.resolve("pom.xml")));
        assertThat(m.find()).as("kafka-broker.version in the root pom").isTrue();
        return m.group(1);
    }

    private static int compareVersions(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!x[i].matches("\\d+") || !y[i].matches("\\d+")) {
                break;
            }
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The Dockerfile's instructions, continuation lines joined, comments dropped. */
    private static List<String> dockerfileInstructions(String text) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || line.isEmpty() && current.isEmpty()) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            if (!current.toString().isBlank()) {
                instructions.add(current.toString().strip());
            }
            current.setLength(0);
        }
        return instructions;
    }

    /** ${NAME}, ${NAME:-default}, ${NAME:?message} with the given values (the default where the value is unset). */
    private static String interpolate(String text, Map<String, String> values) {
        Matcher m = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-?])([^}]*))?}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null && "-".equals(m.group(2))) {
                value = m.group(3);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
                values.put(line.substring(0, line.indexOf('=')).trim(), line.substring(line.indexOf('=') + 1).trim());
            }
        }
        return values;
    }

    /** A compose service's environment, list or map form. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        Object env = service.get("environment");
        Map<String, String> values = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> m) {
            m.forEach((k, v) -> values.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (env instanceof List<?> l) {
            for (Object item : l) {
                String s = String.valueOf(item);
                values.put(s.contains("=") ? s.substring(0, s.indexOf('=')) : s,
                        s.contains("=") ? s.substring(s.indexOf('=') + 1) : "");
            }
        }
        return values;
    }

    private static List<String[]> rows(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.split("\\s+")).toList();
    }

    private static Map<String, Map<String, Object>> byKey(List<Map<String, Object>> objects) {
        Map<String, Map<String, Object>> byKey = new TreeMap<>();
        for (Map<String, Object> o : objects) {
            String key = o.get("kind") + "/" + map(o, "metadata").getOrDefault("namespace", "") + "/" + name(o);
            assertThat(byKey.put(key, o)).as("duplicate " + key).isNull();
        }
        return byKey;
    }

    private static Map<String, Object> byName(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.get("kind")) && name.equals(name(o))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    private static String name(Map<String, Object> object) {
        return String.valueOf(map(object, "metadata").get("name"));
    }

    private static List<Map<String, Object>> env(Map<String, Object> container) {
        return list(container, "env");
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(String text) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : yaml().loadAll(text)) {
            if (doc != null) {
                docs.add((Map<String, Object>) doc);
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yamlMap(Path file) throws IOException {
        return (Map<String, Object>) yaml().load(Files.readString(file));
    }

    /** The map at the path, empty where any step is missing. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> from, String... path) {
        Object current = from;
        for (String step : path) {
            if (!(current instanceof Map)) {
                return Map.of();
            }
            current = ((Map<String, Object>) current).get(step);
        }
        return current instanceof Map ? (Map<String, Object>) current : Map.of();
    }

    /** The list of maps at the path, empty where any step is missing. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> from, String... path) {
        return (List<Map<String, Object>>) (List<?>) values(from, path);
    }

    /** The list at the path, empty where any step is missing. */
    @SuppressWarnings("unchecked")
    private static List<Object> values(Map<String, Object> from, String... path) {
        Map<String, Object> parent = map(from, Arrays.copyOf(path, path.length - 1));
        Object value = parent.get(path[path.length - 1]);
        return value instanceof List ? (List<Object>) value : List.of();
    }

    private static String str(Map<String, Object> from, String... path) {
        Map<String, Object> parent = map(from, Arrays.copyOf(path, path.length - 1));
        Object value = parent.get(path[path.length - 1]);
        return value == null ? null : String.valueOf(value);
    }
}
