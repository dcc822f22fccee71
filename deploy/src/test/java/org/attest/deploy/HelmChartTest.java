package org.attest.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Helm chart in deploy/helm/attest, rendered by Helm's own library (helm-java, offline) as `helm template` would,
 * linted strictly, and every rendered document validated against the Kubernetes API schemas (deploy/helm/tools,
 * kubernetes-models with ajv, under node); then what an operator relies on: secure defaults, probes, secrets by
 * reference only, egress to public HTTPS only, and clear refusals of missing or wrong values.
 */
class HelmChartTest {

    static final Path CHART = Path.of(System.getProperty("basedir", "."), "helm", "attest").toAbsolutePath().normalize();
    static final Path TOOLS = CHART.resolveSibling("tools");
    static final Map<String, String> REQUIRED = Map.of("baseUrl", "https://attest.college.ac.uk",
            "database.existingSecret", "attest-db", "keyEncryptionKey.existingSecret", "attest-kek",
            "objectStore.bucket", "attest-evidence");

    @Test
    void theChartLintsStrictlyAndRendersOnlyValidKubernetesDocuments() throws Exception {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();

        String rendered = render(REQUIRED);
        assertThat(kinds(rendered)).containsExactlyInAnyOrder("ServiceAccount", "Service", "Deployment", "Ingress",
                "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy");
        validate(rendered);

        Map<String, String> oneReplicaOnAVolume = new LinkedHashMap<>(REQUIRED);
        oneReplicaOnAVolume.putAll(Map.of("objectStore.enabled", "false", "replicaCount", "1", "autoscaling.enabled", "false",
                "networkPolicy.enabled", "false", "ingress.enabled", "false"));
        String single = render(oneReplicaOnAVolume);
        assertThat(kinds(single)).contains("PersistentVolumeClaim").doesNotContain("HorizontalPodAutoscaler", "NetworkPolicy");
        validate(single);
    }

    @Test
    void theDeploymentRunsLockedDownWithProbesAndSecretsOnlyByReference() throws Exception {
        Map<String, Object> deployment = document(render(REQUIRED), "Deployment");
        Map<String, Object> pod = map(map(map(deployment, "spec"), "template"), "spec");
        Map<String, Object> container = list(pod, "containers").get(0);

        assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001);
        assertThat(pod).containsEntry("automountServiceAccountToken", false);
        Map<String, Object> security = map(container, "securityContext");
        assertThat(security).containsEntry("readOnlyRootFilesystem", true).containsEntry("allowPrivilegeEscalation", false);
        assertThat(map(security, "capabilities").get("drop")).isEqualTo(List.of("ALL"));
        assertThat(map(map(container, "readinessProbe"), "httpGet")).containsEntry("path", "/readyz");
        assertThat(map(map(container, "livenessProbe"), "httpGet")).containsEntry("path", "/livez");
        assertThat(container).containsKey("startupProbe");
        assertThat(map(map(container, "resources"), "limits")).containsKey("memory");

        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        for (Map<String, Object> e : list(container, "env")) {
            env.put((String) e.get("name"), e);
        }
        assertThat(env.get("SPRING_PROFILES_ACTIVE")).containsEntry("value", "prod");
        assertThat(env.get("ATTEST_BASE_URL")).containsEntry("value", "https://attest.college.ac.uk");
        for (String secret : List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD")) {
            assertThat(env.get(secret)).as(secret + " comes from the Secret, never a value").doesNotContainKey("value")
                    .containsKey("valueFrom");
        }
        assertThat(env.get("ATTEST_KEYS_ENCRYPTIONKEYFILE")).containsEntry("value", "/var/run/secrets/attest/kek/current");
        assertThat(env.get("ATTEST_FILES_STORE")).containsEntry("value", "s3");
        assertThat(env.get("ATTEST_SHUTDOWN_DRAIN_DELAY")).as("a stopping pod serves on while its endpoints go")
                .containsEntry("value", "5s");
        String everything = render(REQUIRED);
        assertThat(everything).as("no secret material is ever rendered into a manifest").doesNotContain("password:", "kind: Secret");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theNetworkPolicyLetsAttestReachPublicHttpsButNotTheClustersOwnAddressesOrCloudMetadata() throws Exception {
        Map<String, Object> policy = document(render(REQUIRED), "NetworkPolicy");
        List<Map<String, Object>> egress = list(map(policy, "spec"), "egress");
        Map<String, Object> https = egress.stream().filter(rule -> String.valueOf(rule.get("ports")).contains("port=443"))
                .findFirst().orElseThrow();
        Map<String, Object> block = map(list(https, "to").get(0), "ipBlock");
        assertThat(block).containsEntry("cidr", "0.0.0.0/0");
        assertThat((List<Object>) block.get("except")).contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
                "127.0.0.0/8");
        assertThat(egress).noneMatch(rule -> !rule.containsKey("ports")).as("every egress rule names its ports");
        Map<String, Object> ingress = document(render(REQUIRED), "Ingress");
        assertThat(String.valueOf(ingress)).contains("attest.college.ac.uk").doesNotContain("metrics");
    }

    @Test
    void missingOrUnsafeValuesAreRefusedWithWhatToSet() {
        Map<String, String> values = new LinkedHashMap<>(REQUIRED);
        values.remove("keyEncryptionKey.existingSecret");
        assertThatThrownBy(() -> render(values)).hasMessageContaining("keyEncryptionKey.existingSecret is required");
        values.putAll(REQUIRED);
        values.put("baseUrl", "http://attest.college.ac.uk");
        assertThatThrownBy(() -> render(values)).hasMessageContaining("baseUrl must start with https://");
        values.put("baseUrl", "https://attest.college.ac.uk");
        values.put("objectStore.enabled", "false");
        assertThatThrownBy(() -> render(values)).hasMessageContaining("set replicaCount to 1");
        Map<String, String> typo = new LinkedHashMap<>(REQUIRED);
        typo.put("replicas", "3");
        assertThatThrownBy(() -> render(typo)).as("an unknown value is a typo, refused by values.schema.json")
                .hasMessageContaining("replicas");
    }

    private static String render(Map<String, String> values) {
        TemplateCommand template = new Helm(CHART).template().withName("attest").withNamespace("attest")
                .withKubeVersion("1.30.0");
        for (Map.Entry<String, String> value : values.entrySet()) {
            template = template.set(value.getKey(), value.getValue());
        }
        return template.call();
    }

    /** Every document through the Kubernetes API schemas; node and the validator's packages are needed (.ci/run). */
    private static void validate(String rendered) throws IOException, InterruptedException {
        boolean ready = Files.isDirectory(TOOLS.resolve("node_modules")) && Files.isExecutable(Path.of("/usr/bin/node"));
        Prerequisites.require(ready, "validating the chart needs node and `npm ci --prefix " + TOOLS + "` (.ci/run does it)");
        Path file = Files.createTempFile("attest-chart-", ".yaml");
        try {
            Files.writeString(file, rendered, StandardCharsets.UTF_8);
            Process node = new ProcessBuilder("/usr/bin/node", TOOLS.resolve("validate.mjs").toString(), file.toString())
                    .directory(TOOLS.toFile()).redirectErrorStream(true).start();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(node.exitValue()).as("the Kubernetes schemas' verdict:\n" + output).isZero();
            assertThat(output).contains(" 0 invalid");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<Map<String, Object>> documents(String rendered) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(rendered)) {
            if (document instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) map;
                documents.add(typed);
            }
        }
        return documents;
    }

    private static List<String> kinds(String rendered) {
        return documents(rendered).stream().map(d -> (String) d.get("kind")).toList();
    }

    private static Map<String, Object> document(String rendered, String kind) {
        return documents(rendered).stream().filter(d -> kind.equals(d.get("kind"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        return (List<Map<String, Object>>) parent.get(key);
    }
}
