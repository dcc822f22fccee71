package org.attest.bench.scale;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.bench.launch.BenchProcess;

/**
 * Attest scaled out on one machine as a host would run it: N replicas of the tool's jar on one PostgreSQL schema,
 * behind HAProxy (Debian's) on loopback, round-robin with no stickiness, each replica health-checked on
 * {@code /readyz}. The replicas start at the same moment on an empty schema, so Flyway's lock and the first-start key
 * lock are exercised as a rolling start does; they share one key-encryption key and one evidence directory. Everything
 * listens on 127.0.0.1. Used by the three-replica test (module {@code deploy}) and bench/scale-out.sh.
 *
 * <p>HAProxy sets {@code X-Attest-Replica} on every answer to the name of the replica that gave it, and passes the
 * client's address in {@code X-Forwarded-For}, which the replicas believe from 127.0.0.1 only. A replica that refuses
 * connections (stopped, or killed) is skipped: HAProxy retries the connection on another replica ({@code retries},
 * {@code option redispatch}); a request already sent to a replica that dies is not retried (a launch must not be
 * posted twice), so it fails, and health checks take the replica out within two seconds. A replica told to stop
 * (SIGTERM) keeps serving 3 s with readiness DOWN ({@code attest.shutdown.drain-delay}), so the checks take it out
 * before it refuses anything.
 */
public final class Replicas implements AutoCloseable {

    /**
     * What to start: the tool's jar; how many replicas; the load balancer's port (replica i listens on
     * {@code lbPort + 1 + i}, its management port on {@code lbPort + 101 + i}); the CPUs (taskset list, or null) the
     * replicas and the load balancer are pinned to; extra arguments for every replica; where logs go.
     */
    public record Settings(Path jar, int replicas, int lbPort, String replicaCpus, String lbCpus, List<String> toolArgs,
            Path workDir, String jdbcBase, String dbUser, String dbPassword) {

        public Settings {
            if (replicas < 1 || replicas > 9) {
                throw new IllegalArgumentException("replicas must be 1 to 9, not " + replicas);
            }
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("no tool jar at " + jar + ": build it first (./mvnw -pl lti-tool -am package -DskipTests)");
            }
        }
    }

    public static final Path HAPROXY = Path.of("/usr/sbin/haproxy");

    /**
     * The settings a load test needs beyond the shipped ones: registration open (the played platform registers itself)
     * to a platform on loopback, and rate limits and the login-state ceiling that no test's load reaches.
     */
    public static final List<String> OPEN_FOR_LOAD = List.of("--attest.registration.open=true",
            "--attest.platform-http.allow-private-networks=true",
            "--attest.rate-limit.login.per-address=100000000", "--attest.rate-limit.login.per-platform=100000000",
            "--attest.rate-limit.launch.per-address=100000000", "--attest.rate-limit.launch.per-platform=100000000",
            "--attest.lti.max-login-states-per-platform=1000000");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? ([0-9.eE+-]+|NaN)$");

    private final Settings settings;
    private final String schema = "scale_" + Long.toString(System.nanoTime(), 36);
    private final String kek;
    private final List<Process> replicas = new ArrayList<>();
    private Process lb;
    private Thread shutdownHook;

    private Replicas(Settings settings) {
        this.settings = settings;
        // One key-encryption key for all replicas: ATTEST_KEYS_ENCRYPTION_KEY when given (so another process can join
        // them), else a new one.
        String given = System.getenv("ATTEST_KEYS_ENCRYPTION_KEY");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.kek = given != null && !given.isBlank() ? given : Base64.getEncoder().encodeToString(key);
    }

    /** Starts the replicas (all at once, on a new schema) and the load balancer, and waits until all are ready. */
    public static Replicas start(Settings settings, Duration within) throws Exception {
        if (!Files.isExecutable(HAPROXY)) {
            throw new IllegalStateException("no HAProxy at " + HAPROXY + ": apt-get install haproxy");
        }
        Replicas r = new Replicas(settings);
        for (int port : r.ports()) {
            try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
                throw new IllegalStateException("something already listens on 127.0.0.1:" + port + " (an earlier run's replica?); "
                        + "stop it or choose another load balancer port");
            } catch (IOException free) {
                // nothing listens: the port is ours to take
            }
        }
        // A driver stopped by a signal, or a test run cut off, leaves no replica or balancer running behind it.
        Thread hook = new Thread(r::close, "replicas-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        r.shutdownHook = hook;
        try {
            Files.createDirectories(settings.workDir().resolve("files"));
            for (int i = 0; i < settings.replicas(); i++) {
                r.replicas.add(null);
                r.startReplica(i);
            }
            r.startLoadBalancer();
            for (int i = 0; i < settings.replicas(); i++) {
                r.awaitReady(i, within);
            }
            r.awaitReady(r.lbUrl(), within);
            return r;
        } catch (Exception | Error e) {
            r.close();
            throw e;
        }
    }

    /** Starts replica {@code i} again (after {@link #kill}), on the same port and schema. */
    public void restart(int i, Duration within) throws Exception {
        startReplica(i);
        awaitReady(i, within);
    }

    private List<Integer> ports() {
        List<Integer> ports = new ArrayList<>(List.of(settings.lbPort()));
        for (int i = 0; i < settings.replicas(); i++) {
            ports.add(port(i));
            ports.add(managementPort(i));
        }
        return ports;
    }

    /** Waits until replica {@code i} is ready; fails at once, with its log's end, if its process exits first. */
    private void awaitReady(int i, Duration within) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            if (!replicas.get(i).isAlive()) {
                List<String> lines = Files.readAllLines(log(i));
                throw new IllegalStateException("replica " + name(i) + " exited with " + replicas.get(i).exitValue() + " before it was "
                        + "ready; the end of " + log(i) + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            }
            try {
                BenchProcess.awaitAnswer(url(i), url(i) + "/readyz", 200, Duration.ofSeconds(2));
                return;
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("replica " + name(i) + " was not ready within " + within.toSeconds() + " s; logs in "
                            + settings.workDir(), notYet);
                }
            }
        }
    }

    private void startReplica(int i) throws IOException {
        List<String> command = new ArrayList<>();
        if (settings.replicaCpus() != null) {
            command.addAll(List.of("taskset", "-c", settings.replicaCpus()));
        }
        command.addAll(List.of("java", "-Xmx512m", "-XX:+UseSerialGC", "-jar", settings.jar().toString(),
                "--server.port=" + port(i), "--attest.base-url=" + lbUrl(),
                "--spring.datasource.url=" + settings.jdbcBase() + "?currentSchema=" + schema,
                "--spring.datasource.username=" + settings.dbUser(), "--spring.datasource.password=" + settings.dbPassword(),
                "--spring.flyway.schemas=" + schema, "--spring.flyway.create-schemas=true",
                "--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
                "--attest.files.directory=" + settings.workDir().resolve("files"), "--attest.shutdown.drain-delay=3s",
                "--logging.level.org.attest=WARN"));
        command.addAll(settings.toolArgs());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(i).toFile()));
        pb.environment().put("ATTEST_MANAGEMENT_PORT", String.valueOf(managementPort(i)));
        pb.environment().put("ATTEST_KEYS_ENCRYPTION_KEY", kek);
        replicas.set(i, pb.start());
    }

    private void startLoadBalancer() throws IOException {
        StringBuilder cfg = new StringBuilder("""
                global
                    maxconn 4096
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    retries 3
                    option redispatch 1
                frontend attest
                    bind 127.0.0.1:%d
                    option forwardfor
                    default_backend replicas
                backend replicas
                    balance roundrobin
                    option httpchk GET /readyz
                    http-check expect status 200
                    default-server inter 1s fall 2 rise 2
                    http-response set-header X-Attest-Replica %%[srv_name]
                """.formatted(settings.lbPort()));
        for (int i = 0; i < settings.replicas(); i++) {
            cfg.append("    server ").append(name(i)).append(" 127.0.0.1:").append(port(i)).append(" check\n");
        }
        Path file = settings.workDir().resolve("haproxy.cfg");
        Files.writeString(file, cfg);
        List<String> command = new ArrayList<>();
        if (settings.lbCpus() != null) {
            command.addAll(List.of("taskset", "-c", settings.lbCpus()));
        }
        command.addAll(List.of(HAPROXY.toString(), "-db", "-f", file.toString()));
        lb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.workDir().resolve("haproxy.log").toFile())).start();
    }

    private void awaitReady(String base, Duration within) throws InterruptedException {
        try {
            BenchProcess.awaitAnswer(base, base + "/readyz", 200, within);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; logs in " + settings.workDir(), e);
        }
    }

    /** The replica's name in HAProxy and in {@code X-Attest-Replica}: r1, r2, ... */
    public static String name(int i) {
        return "r" + (i + 1);
    }

    public String lbUrl() {
        return "http://127.0.0.1:" + settings.lbPort();
    }

    public String url(int i) {
        return "http://127.0.0.1:" + port(i);
    }

    public int size() {
        return settings.replicas();
    }

    public long pid(int i) {
        return replicas.get(i).pid();
    }

    public long lbPid() {
        return lb.pid();
    }

    public List<Long> pids() {
        return replicas.stream().filter(p -> p != null && p.isAlive()).map(Process::pid).toList();
    }

    public Path log(int i) {
        return settings.workDir().resolve("replica-" + name(i) + ".log");
    }

    public String jdbcUrl() {
        return settings.jdbcBase() + "?currentSchema=" + schema;
    }

    /**
     * Stops replica {@code i}: {@code graceful} sends SIGTERM (what an orchestrator sends: in-flight requests and
     * scores finish) and waits for the exit; otherwise SIGKILL, as a crash or the kernel's OOM killer stops it.
     */
    public void kill(int i, boolean graceful) throws InterruptedException {
        Process p = replicas.get(i);
        if (graceful) {
            p.destroy();
        } else {
            p.destroyForcibly();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Waits until the load balancer exits, at most {@code within}; whether it did. */
    public boolean awaitBalancerExit(Duration within) throws InterruptedException {
        return lb.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean alive(int i) {
        return replicas.get(i).isAlive();
    }

    /**
     * The sum of a Prometheus metric's samples on replica {@code i}'s management port whose labels contain every one
     * of {@code labels} (such as {@code reason="expired"}); 0 when there are none.
     */
    public double metric(int i, String name, String... labels) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort(i) + "/actuator/prometheus")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        double sum = 0;
        for (String line : r.body().split("\n")) {
            Matcher m = SAMPLE.matcher(line.trim());
            if (m.matches() && m.group(1).equals(name) && containsAll(m.group(2), labels)) {
                sum += Double.parseDouble(m.group(3));
            }
        }
        return sum;
    }

    private static boolean containsAll(String labelSet, String[] labels) {
        for (String label : labels) {
            if (labelSet == null || !labelSet.contains(label)) {
                return false;
            }
        }
        return true;
    }

    /** A connection to the replicas' schema, for a test to look at (or fill) what they share. */
    public Connection database() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), settings.dbUser(), settings.dbPassword());
    }

    public int port(int i) {
        return settings.lbPort() + 1 + i;
    }

    private int managementPort(int i) {
        return settings.lbPort() + 101 + i;
    }

    /** Stops every replica (SIGTERM, then SIGKILL after 30 s) and the load balancer, and drops the schema. */
    @Override
    public synchronized void close() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs this anyway
            }
        }
        shutdownHook = null;
        for (Process p : replicas) {
            if (p != null) {
                p.destroy();
            }
        }
        for (Process p : replicas) {
            try {
                if (p != null && !p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (lb != null) {
            lb.destroy();
        }
        try (Connection db = DriverManager.getConnection(settings.jdbcBase(), settings.dbUser(), settings.dbPassword());
                Statement s = db.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println(String.format(Locale.ROOT, "could not drop schema %s: %s", schema, e.getMessage()));
        }
    }
}
