package org.attest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * deploy/compose/compose.yaml, the one-machine installation, parsed as compose parses it (YAML anchors merged) and
 * checked for what an operator relies on: two Attest replicas locked down (read-only, non-root, no capabilities,
 * memory limit, health check, the prod profile, an https LMS-facing URL), no secret anywhere as an environment value
 * (secrets are files under ./secrets, which git ignores), only the proxy publishing ports, PostgreSQL and the store on
 * an internal network only, the proxy balancing over both replicas on /readyz. The file is also validated against the
 * Compose Specification's JSON schema (deploy/compose/test/compose-spec.json, with ajv under node) when the validator is
 * installed (deploy/chart-deps.sh; mandatory with CI=true).
 */
class ComposeFileTest {

    static final Path COMPOSE = Path.of(System.getProperty("basedir", "."), "compose").toAbsolutePath().normalize();
    static final Path TOOLS = COMPOSE.resolveSibling("helm").resolve("tools");
    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|ACCESS_?KEY|ACCESSKEYID|ENCRYPTION_?KEY|_KEY)$");

    @Test
    void theComposeFileMeetsEverySafetyRule() throws IOException {
        assertThat(problems(load())).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSecretLiteralAPublishedReplicaOrAWritableRootIsCaught() throws IOException {
        Map<String, Object> compose = load();
        env(service(compose, "postgres")).put("POSTGRES_PASSWORD", "changeme");
        assertThat(problems(compose)).containsExactly("postgres: POSTGRES_PASSWORD is an environment value; give it as a file (a compose secret)");

        compose = load();
        env(service(compose, "attest-2")).put("ATTEST_KEYS_ENCRYPTION_KEY", "c2VjcmV0");
        service(compose, "attest-2").put("read_only", false);
        service(compose, "attest-2").put("user", "0");
        service(compose, "attest-1").put("ports", List.of("8080:8080"));
        assertThat(problems(compose)).containsExactlyInAnyOrder(
                "attest-2: ATTEST_KEYS_ENCRYPTION_KEY is an environment value; give it as a file (a compose secret)",
                "attest-2: the root filesystem must be read-only (read_only: true)",
                "attest-2: must run as a non-root user, not 0",
                "attest-1: publishes ports; only the proxy may");

        compose = load();
        service(compose, "attest-1").remove("healthcheck");
        env(service(compose, "attest-1")).put("SPRING_PROFILES_ACTIVE", "default");
        ((Map<String, Object>) compose.get("services")).remove("attest-2");
        assertThat(problems(compose)).contains("attest-1: no healthcheck", "attest-1: SPRING_PROFILES_ACTIVE must be prod",
                "there must be exactly two Attest services (the image ${ATTEST_IMAGE...}), not [attest-1]");
    }

    @Test
    void theProxyBalancesOverBothReplicasOnReadinessAndSecretsAreNeverCommitted() throws IOException {
        String caddyfile = Files.readString(COMPOSE.resolve("Caddyfile"));
        assertThat(caddyfile).contains("reverse_proxy attest-1:8080 attest-2:8080", "lb_policy round_robin",
                "health_uri /readyz", "tls {$ATTEST_TLS}").doesNotContain("sticky", "lb_policy cookie");
        assertThat(Files.readAllLines(COMPOSE.resolve(".gitignore"))).contains("/secrets/", "/.env");
        assertThat(Files.readString(COMPOSE.resolve("make-secrets.sh")))
                .as("an existing secret (the key-encryption key above all) is never replaced").contains("if [ -s \"$dir/$name\" ]");
    }

    @Test
    void theComposeFileIsValidUnderTheComposeSpecification() throws IOException, InterruptedException {
        boolean ready = Files.isDirectory(TOOLS.resolve("node_modules/ajv")) && Files.isExecutable(Path.of("/usr/bin/node"));
        Prerequisites.require(ready, "validating compose.yaml needs node and `npm ci --prefix " + TOOLS + "` (deploy/chart-deps.sh)");
        for (Path file : List.of(COMPOSE.resolve("compose.yaml"), COMPOSE.resolve("test/compose.test.yaml"))) {
            Process node = new ProcessBuilder("/usr/bin/node", TOOLS.resolve("validate-compose.mjs").toString(),
                    COMPOSE.resolve("test/compose-spec.json").toString(), file.toString()).redirectErrorStream(true).start();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(node.exitValue()).as("the Compose Specification's verdict on %s:\n%s", file, output).isZero();
        }
    }

    /** Every broken rule, as a sentence naming the service; empty when the file is safe. */
    @SuppressWarnings("unchecked")
    static List<String> problems(Map<String, Object> compose) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Map<String, Object> networks = (Map<String, Object>) compose.get("networks");
        List<String> attest = new ArrayList<>();
        services.forEach((name, value) -> {
            Map<String, Object> service = (Map<String, Object>) value;
            environment(service).forEach((key, envValue) -> {
                if (SECRET_NAME.matcher(key).matches() && envValue != null) {
                    problems.add(name + ": " + key + " is an environment value; give it as a file (a compose secret)");
                }
            });
            if (service.containsKey("ports") && !name.equals("proxy")) {
                problems.add(name + ": publishes ports; only the proxy may");
            }
            if ("host".equals(service.get("network_mode")) || Boolean.TRUE.equals(service.get("privileged"))) {
                problems.add(name + ": host network or privileged");
            }
            if (String.valueOf(service.get("image")).startsWith("${ATTEST_IMAGE")) {
                attest.add(name);
                checkAttest(name, service, problems);
            }
            if (List.of("postgres", "store").contains(name)) {
                if (!service.containsKey("healthcheck")) {
                    problems.add(name + ": no healthcheck");
                }
                for (Object network : (List<Object>) service.get("networks")) {
                    Map<String, Object> declared = (Map<String, Object>) networks.get(network);
                    if (declared == null || !Boolean.TRUE.equals(declared.get("internal"))) {
                        problems.add(name + ": on network " + network + ", which is not internal");
                    }
                }
            }
        });
        if (attest.size() != 2) {
            problems.add("there must be exactly two Attest services (the image ${ATTEST_IMAGE...}), not " + attest);
        }
        Map<String, Object> secrets = (Map<String, Object>) compose.get("secrets");
        secrets.forEach((name, value) -> {
            Object file = ((Map<String, Object>) value).get("file");
            if (file == null || !String.valueOf(file).startsWith("./secrets/")) {
                problems.add("secret " + name + ": must be a file under ./secrets/ (git-ignored), not " + value);
            }
        });
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static void checkAttest(String name, Map<String, Object> service, List<String> problems) {
        if (!Boolean.TRUE.equals(service.get("read_only"))) {
            problems.add(name + ": the root filesystem must be read-only (read_only: true)");
        }
        String user = String.valueOf(service.get("user"));
        if (!user.matches("[1-9][0-9]*(:[0-9]+)?")) {
            problems.add(name + ": must run as a non-root user, not " + user);
        }
        if (!String.valueOf(service.get("tmpfs")).contains("/tmp")) {
            problems.add(name + ": /tmp must be a tmpfs");
        }
        if (!List.of("ALL").equals(service.get("cap_drop"))) {
            problems.add(name + ": must drop every capability");
        }
        if (!String.valueOf(service.get("deploy")).contains("memory=")) {
            problems.add(name + ": no memory limit");
        }
        Map<String, Object> health = (Map<String, Object>) service.get("healthcheck");
        if (health == null || !String.valueOf(health.get("test")).contains("/readyz")) {
            problems.add(name + ": no healthcheck");
        }
        Map<String, Object> env = environment(service);
        if (!"prod".equals(env.get("SPRING_PROFILES_ACTIVE"))) {
            problems.add(name + ": SPRING_PROFILES_ACTIVE must be prod");
        }
        if (!String.valueOf(env.get("ATTEST_BASE_URL")).startsWith("https://")) {
            problems.add(name + ": ATTEST_BASE_URL must be https");
        }
        List<String> targets = new ArrayList<>();
        for (Object secret : (List<Object>) service.getOrDefault("secrets", List.of())) {
            targets.add(String.valueOf(((Map<String, Object>) secret).get("target")));
        }
        for (String needed : List.of(String.valueOf(env.get("ATTEST_KEYS_ENCRYPTIONKEYFILE")),
                String.valueOf(env.get("ATTEST_FILES_S3_ACCESSKEYIDFILE")), String.valueOf(env.get("ATTEST_FILES_S3_SECRETACCESSKEYFILE")),
                String.valueOf(env.get("SPRING_CONFIG_IMPORT")).replace("configtree:", "") + "spring.datasource.password")) {
            if (!targets.contains(needed)) {
                problems.add(name + ": " + needed + " is not a mounted secret");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        Object env = service.get("environment");
        if (env instanceof List<?> entries) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Object entry : entries) {
                String[] pair = String.valueOf(entry).split("=", 2);
                map.put(pair[0], pair.length > 1 ? pair[1] : null);
            }
            return map;
        }
        return env == null ? Map.of() : (Map<String, Object>) env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(Map<String, Object> service) {
        return (Map<String, Object>) service.get("environment");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    /** Loaded afresh each time, every service its own deep copy (the two Attest services share one anchor in the file). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() throws IOException {
        Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(COMPOSE.resolve("compose.yaml")));
        return (Map<String, Object>) deepCopy(compose);
    }

    @SuppressWarnings("unchecked")
    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return value;
    }
}
