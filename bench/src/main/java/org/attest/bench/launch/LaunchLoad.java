package org.attest.bench.launch;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load benchmark of full LTI 1.3 launches (OIDC login initiation + launch) against a running tool.
 * It plays a Moodle-shaped platform ({@link PlayedPlatform}), registers it with the tool through
 * Dynamic Registration, warms the tool up, then measures batches in three phases:
 * <ol>
 * <li>timed: N login initiations (POST /lti/login, expect 302 to the platform with state and nonce);
 * <li>untimed: the generator signs N id_tokens (RS256), one per login nonce, so the platform's
 * signing cost is neither on the tool's CPU nor on the measured path;
 * <li>timed: N launches (POST /lti/launch with id_token and state, expect 302 to /s/...).
 * </ol>
 * Requests run at a fixed concurrency (64 by default), one kept-alive connection per worker.
 * Reported: full launches/s = launches / (login wall time + launch wall time), the tool's CPU time
 * (utime + stime of its process from /proc) per full launch, latency percentiles of logins and of
 * launches, errors (anything but the expected 302). Only 127.0.0.1 is contacted. See
 * docs/benchmarks.md ("LTI launch") and bench/launch-load.sh, which starts the tool pinned to one
 * core and this generator on the other.
 */
public final class LaunchLoad {

    private static final int MAX_ERROR_SAMPLES = 5;
    private static final int MAX_BATCH = 20_000;
    /** Tokens are valid 60 s (as Moodle issues them) plus the tool's 60 s clock allowance. */
    private static final Duration MAX_SIGNING_TIME = Duration.ofSeconds(45);

    record Options(URI tool, long toolPid, int concurrency, int warmup, int batch, int batches, int maxSeconds, int waitSeconds,
            String label, Path json, Path jfr, String jfrSettings, String dbProcess, boolean peer, int platformPort, String clientId) {

        static Options parse(String[] args) {
            Map<String, String> a = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                }
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    a.put(arg.substring(2, eq), arg.substring(eq + 1));
                } else if (i + 1 < args.length) {
                    a.put(arg.substring(2), args[++i]);
                } else {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
            }
            Options o = new Options(URI.create(a.getOrDefault("tool", "http://127.0.0.1:18090")),
                    Long.parseLong(a.getOrDefault("tool-pid", "-1")),
                    Integer.parseInt(a.getOrDefault("concurrency", "64")),
                    Integer.parseInt(a.getOrDefault("warmup", "60000")),
                    Integer.parseInt(a.getOrDefault("batch", "5000")),
                    Integer.parseInt(a.getOrDefault("batches", "6")),
                    Integer.parseInt(a.getOrDefault("max-seconds", "900")),
                    Integer.parseInt(a.getOrDefault("wait-seconds", "180")),
                    a.getOrDefault("label", "tool"),
                    a.containsKey("json") ? Path.of(a.get("json")) : null,
                    a.containsKey("jfr") ? Path.of(a.get("jfr")).toAbsolutePath() : null,
                    a.getOrDefault("jfr-settings", "profile"),
                    a.get("db-process"),
                    switch (a.getOrDefault("target", "attest")) {
                        case "attest" -> false;
                        case "peer" -> true;
                        default -> throw new IllegalArgumentException("--target is attest or peer, not " + a.get("target"));
                    },
                    Integer.parseInt(a.getOrDefault("platform-port", "0")),
                    a.getOrDefault("client-id", "perf-client"));
            List<String> known = List.of("tool", "tool-pid", "concurrency", "warmup", "batch", "batches", "max-seconds",
                    "wait-seconds", "label", "json", "jfr", "jfr-settings", "db-process", "target", "platform-port", "client-id");
            for (String k : a.keySet()) {
                if (!known.contains(k)) {
                    throw new IllegalArgumentException("unknown option --" + k + " (known: " + known + ")");
                }
            }
            String host = o.tool.getHost();
            if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
                throw new IllegalArgumentException("the load generator only talks to 127.0.0.1, not " + host);
            }
            if (o.concurrency < 1 || o.concurrency > 1024 || o.batch < 1 || o.batch > MAX_BATCH || o.batches < 1 || o.batches > 100
                    || o.warmup < 0 || o.warmup > 200_000 || o.maxSeconds < 10 || o.maxSeconds > 7200) {
                throw new IllegalArgumentException("out of range: concurrency 1..1024, batch 1.." + MAX_BATCH
                        + ", batches 1..100, warmup 0..200000, max-seconds 10..7200");
            }
            if (o.peer && (o.platformPort < 1 || o.platformPort > 65535)) {
                throw new IllegalArgumentException("--target peer needs --platform-port: the peer is started with the played "
                        + "platform's issuer, so the platform must listen on a port known in advance");
            }
            return o;
        }

        String base() {
            String s = tool.toString();
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }

        int port() {
            return tool.getPort() == -1 ? 80 : tool.getPort();
        }
    }

    /** What one timed phase measured. */
    record Phase(int requests, long wallNanos, long toolTicks, long jitTicks, long vmTicks, long selfTicks, long dbTicks,
            long machineTicks, long[] latencies, int errors) {
    }

    /**
     * The endpoints and answers of the tool under test: Attest (registered by Dynamic Registration, a launch lands on a
     * session URL /s/...), or the Java peer (spring-security-lti13, configured with the played platform on its command
     * line, OIDC state in an HTTP session whose cookie the launch carries back, a launch is sent on to the id_token's
     * target_link_uri on the tool itself).
     */
    private record Target(String loginPath, String launchPath, boolean sessionCookie) {
        static final Target ATTEST = new Target("/lti/login", "/lti/launch", false);
        static final Target PEER = new Target("/lti/login_initiation/platform", "/lti/login", true);

        boolean landed(Http1.Response r, String toolBase) {
            if (r.status() != 302 || r.location() == null) {
                return false;
            }
            return sessionCookie ? r.location().startsWith(toolBase + "/") && !r.location().contains("error")
                    : r.location().contains("/s/");
        }
    }

    /** One batch: logins, signing, launches. */
    record Batch(Phase login, long signNanos, Phase launch) {
        int fullLaunches() {
            return launch.requests - launch.errors;
        }
    }

    private final Options options;
    private final Target target;
    private final PlayedPlatform platform;
    private final Instant deadline;
    private final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
    private final AtomicInteger errorSampleCount = new AtomicInteger();
    private final List<Integer> connectionsOpened = new ArrayList<>();

    private LaunchLoad(Options options, PlayedPlatform platform) {
        this.options = options;
        this.target = options.peer ? Target.PEER : Target.ATTEST;
        this.platform = platform;
        this.deadline = Instant.now().plusSeconds(options.maxSeconds);
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LaunchLoad: " + e.getMessage());
            System.err.println("usage: LaunchLoad --tool http://127.0.0.1:18090 --tool-pid PID [--concurrency 64] [--warmup 60000] "
                    + "[--batch 5000] [--batches 6] [--max-seconds 900] [--label H2] [--json out.json] [--jfr profile.jfr [--jfr-settings profile]] "
                    + "[--db-process postgres] [--target attest|peer --platform-port 9001 [--client-id perf-client]]");
            System.exit(2);
            return;
        }
        ScheduledExecutorService timeLimit = BenchProcess.timeLimit("LaunchLoad", options.maxSeconds);
        int status;
        PlayedPlatform.Identity identity = PlayedPlatform.Identity.fresh();
        if (options.peer) {
            identity = new PlayedPlatform.Identity(options.platformPort, options.clientId, identity.key());
        }
        try (PlayedPlatform platform = new PlayedPlatform(options.base(), identity)) {
            status = new LaunchLoad(options, platform).run();
        }
        timeLimit.shutdownNow();
        System.exit(status);
    }

    private int run() throws Exception {
        System.out.printf(Locale.ROOT, "LaunchLoad [%s]: tool %s (pid %s), platform %s, concurrency %d, CLK_TCK %d%n",
                options.label, options.base(), options.toolPid > 0 ? options.toolPid : "unknown", platform.issuer,
                options.concurrency, ProcCpu.CLK_TCK);
        waitForTool();
        if (options.peer) {
            System.out.println("the peer trusts this platform from its command line: issuer " + platform.issuer + ", client id "
                    + platform.clientId);
        } else {
            register();
        }

        if (options.jfr != null) {
            // Started before the warm-up: starting a recording on a warm JVM deoptimises compiled code for a while.
            jcmd("JFR.start", "name=launchload", "settings=" + options.jfrSettings, "filename=" + options.jfr);
        }
        long warmupStart = System.nanoTime();
        int warmed = 0;
        for (int b = 0; warmed < options.warmup && b < 1000; b++) {
            int n = Math.min(options.batch, options.warmup - warmed);
            Batch batch = batch(n);
            warmed += n;
            System.out.printf(Locale.ROOT, "warm-up %,d/%,d: %.0f full launches/s, %s%n", warmed, options.warmup,
                    rate(List.of(batch)), cpuText(List.of(batch)));
        }
        System.out.printf(Locale.ROOT, "warm-up done in %.1f s%n", (System.nanoTime() - warmupStart) / 1e9);
        int warmupErrors = errorSampleCount.get();

        if (options.jfr != null) {
            Instant measuredFrom = Instant.now();
            Files.writeString(Path.of(options.jfr + ".measured-from"), measuredFrom + "\n");
            System.out.println("JFR: the measured batches begin at " + measuredFrom + " (also in " + options.jfr + ".measured-from)");
        }
        List<Batch> batches = new ArrayList<>();
        for (int b = 0; b < options.batches; b++) {
            Batch batch = batch(options.batch);
            batches.add(batch);
            System.out.printf(Locale.ROOT, "batch %d/%d: %,d full launches, %.0f/s, %s, login p99 %.1f ms, launch p99 %.1f ms, "
                            + "signing (untimed) %.1f s, errors %d, other processes %.0f %% of a core%n",
                    b + 1, options.batches, batch.fullLaunches(), rate(List.of(batch)), cpuText(List.of(batch)),
                    percentile(batch.login.latencies, 0.99), percentile(batch.launch.latencies, 0.99), batch.signNanos / 1e9,
                    batch.login.errors + batch.launch.errors, 100 * otherShare(batch));
        }
        if (options.jfr != null) {
            jcmd("JFR.stop", "name=launchload");
            System.out.println("JFR recording (warm-up and measured batches): " + options.jfr);
        }
        return report(batches, warmupErrors);
    }

    /** Waits (bounded) until the tool answers HTTP at all. */
    private void waitForTool() throws Exception {
        if (options.peer) {
            BenchProcess.awaitAnswer(options.base(), options.base() + "/", 0, Duration.ofSeconds(options.waitSeconds));
        } else {
            BenchProcess.awaitTool(options.base(), Duration.ofSeconds(options.waitSeconds));
        }
    }

    /** Dynamic Registration, as a Moodle admin starts it: the tool fetches our configuration and registers. */
    private void register() throws Exception {
        platform.register();
        System.out.println("registered by Dynamic Registration: issuer " + platform.issuer + ", client id " + platform.clientId
                + ", deployment " + PlayedPlatform.DEPLOYMENT_ID);
    }

    private Batch batch(int n) throws Exception {
        byte[] loginForm = platform.loginForm();
        String[] states = new String[n];
        String[] nonces = new String[n];
        String[] cookies = new String[n];
        Phase login = phase("login", n, target.loginPath, i -> loginForm, i -> null, (i, r) -> {
            if (r.status() != 302 || r.location() == null) {
                return false;
            }
            Map<String, String> q = query(r.location());
            states[i] = q.get("state");
            nonces[i] = q.get("nonce");
            cookies[i] = r.cookie();
            return r.location().startsWith(platform.issuer + "/mod/lti/auth.php?") && states[i] != null && nonces[i] != null
                    && (!target.sessionCookie || cookies[i] != null);
        });

        long signStart = System.nanoTime();
        List<byte[]> launchForms = new ArrayList<>(n);
        List<String> launchCookies = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (states[i] != null && nonces[i] != null) {
                launchForms.add(platform.launchForm(states[i], nonces[i]));
                launchCookies.add(cookies[i]);
            }
        }
        long signNanos = System.nanoTime() - signStart;
        if (signNanos > MAX_SIGNING_TIME.toNanos()) {
            throw new IllegalStateException("signing " + n + " id_tokens took " + signNanos / 1_000_000_000 + " s; "
                    + "they expire 60 s after issue: use a smaller --batch");
        }
        Phase launch = phase("launch", launchForms.size(), target.launchPath, launchForms::get, launchCookies::get,
                (i, r) -> target.landed(r, options.base()));
        return new Batch(login, signNanos, launch);
    }

    interface Check {
        boolean ok(int index, Http1.Response response);
    }

    interface Body {
        byte[] of(int index);
    }

    interface Cookie {
        String of(int index);
    }

    /** Runs n requests with {@code concurrency} workers; the tool's CPU and the wall time are read around the requests only. */
    private Phase phase(String name, int n, String path, Body body, Cookie cookie, Check check) throws Exception {
        int workers = Math.min(options.concurrency, Math.max(1, n));
        long[] latencies = new long[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(workers);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(workers);
        List<Http1> connections = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Http1 http = new Http1(options.tool.getHost(), options.port());
            connections.add(http);
            Thread t = new Thread(() -> {
                try {
                    try {
                        http.connect();
                    } finally {
                        ready.countDown();
                    }
                    start.await();
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        try {
                            Http1.Response r = http.postForm(path, body.of(i), cookie.of(i));
                            latencies[i] = System.nanoTime() - t0;
                            if (!check.ok(i, r)) {
                                errors.incrementAndGet();
                                sample(name + ": HTTP " + r.status() + (r.location() == null ? "" : " Location " + r.location())
                                        + " " + excerpt(r.body()));
                            }
                        } catch (IOException | RuntimeException e) {
                            latencies[i] = System.nanoTime() - t0;
                            errors.incrementAndGet();
                            sample(name + ": " + e);
                        }
                    }
                } catch (InterruptedException | IOException e) {
                    errors.incrementAndGet();
                    sample(name + ": worker could not start: " + e);
                } finally {
                    done.countDown();
                }
            }, name + "-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        if (!ready.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not open " + workers + " connections to the tool within 60 s");
        }
        ProcCpu.ThreadGroups groups0 = options.toolPid > 0 ? ProcCpu.threadGroups(options.toolPid) : new ProcCpu.ThreadGroups(-1, -1);
        long tool0 = toolTicks();
        long self0 = ProcCpu.selfTicks();
        long db0 = dbTicks();
        long machine0 = ProcCpu.machineBusyTicks();
        long t0 = System.nanoTime();
        start.countDown();
        long remaining = Duration.between(Instant.now(), deadline).toMillis();
        if (!done.await(Math.max(1, remaining), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " phase did not finish before the time limit");
        }
        long wall = System.nanoTime() - t0;
        long tool1 = toolTicks();
        ProcCpu.ThreadGroups groups1 = options.toolPid > 0 ? ProcCpu.threadGroups(options.toolPid) : new ProcCpu.ThreadGroups(-1, -1);
        long self1 = ProcCpu.selfTicks();
        long db1 = dbTicks();
        long machine1 = ProcCpu.machineBusyTicks();
        int opened = 0;
        for (Http1 c : connections) {
            opened += c.connections();
            c.close();
        }
        synchronized (connectionsOpened) {
            connectionsOpened.add(opened);
        }
        return new Phase(n, wall, tool0 < 0 || tool1 < 0 ? -1 : tool1 - tool0, groups1.jit() - groups0.jit(),
                groups1.vmAndGc() - groups0.vmAndGc(), self1 - self0,
                db0 < 0 || db1 < 0 ? -1 : db1 - db0, machine0 < 0 || machine1 < 0 ? -1 : machine1 - machine0, latencies, errors.get());
    }

    private long toolTicks() {
        return options.toolPid > 0 ? ProcCpu.ticks(options.toolPid) : -1;
    }

    private long dbTicks() {
        return options.dbProcess == null ? -1 : ProcCpu.ticksOfAll(options.dbProcess);
    }

    private void sample(String error) {
        if (errorSampleCount.incrementAndGet() <= MAX_ERROR_SAMPLES) {
            errorSamples.add(error);
        }
    }

    private int report(List<Batch> batches, int warmupErrors) throws IOException {
        int launches = batches.stream().mapToInt(Batch::fullLaunches).sum();
        int requestsAttempted = batches.stream().mapToInt(b -> b.login.requests).sum();
        int errors = batches.stream().mapToInt(b -> b.login.errors + b.launch.errors).sum();
        long[] login = concat(batches.stream().map(b -> b.login.latencies).toList());
        long[] launch = concat(batches.stream().map(b -> b.launch.latencies).toList());
        long loginTicks = batches.stream().mapToLong(b -> b.login.toolTicks).sum();
        long launchTicks = batches.stream().mapToLong(b -> b.launch.toolTicks).sum();
        long wall = batches.stream().mapToLong(b -> b.login.wallNanos + b.launch.wallNanos).sum();
        long selfTicks = batches.stream().mapToLong(b -> b.login.selfTicks + b.launch.selfTicks).sum();
        long dbTicksSum = batches.stream().mapToLong(b -> b.login.dbTicks + b.launch.dbTicks).sum();
        long machineTicks = batches.stream().mapToLong(b -> b.login.machineTicks + b.launch.machineTicks).sum();
        double otherShare = Math.max(0, ProcCpu.millis(machineTicks - loginTicks - launchTicks - selfTicks - Math.max(0, dbTicksSum))
                / (wall / 1e6));
        boolean cpuKnown = batches.stream().allMatch(b -> b.login.toolTicks >= 0 && b.launch.toolTicks >= 0);
        double rate = rate(batches);
        double cpuPerLaunch = cpuKnown ? ProcCpu.millis(loginTicks + launchTicks) / requestsAttempted : Double.NaN;

        System.out.println();
        System.out.printf(Locale.ROOT, "=== LTI launch load [%s]: %d batches x %,d, concurrency %d ===%n", options.label,
                batches.size(), options.batch, options.concurrency);
        System.out.printf(Locale.ROOT, "full launches (login + launch) : %,d in %.2f s of timed phases%n", launches, wall / 1e9);
        System.out.printf(Locale.ROOT, "full launches/s                : %.0f%n", rate);
        if (cpuKnown) {
            System.out.printf(Locale.ROOT, "tool CPU per full launch       : %.3f ms (login %.3f ms + launch %.3f ms)%n", cpuPerLaunch,
                    ProcCpu.millis(loginTicks) / requestsAttempted, ProcCpu.millis(launchTicks) / requestsAttempted);
            long jit = batches.stream().mapToLong(b -> b.login.jitTicks + b.launch.jitTicks).sum();
            long vm = batches.stream().mapToLong(b -> b.login.vmTicks + b.launch.vmTicks).sum();
            System.out.printf(Locale.ROOT, "  of which JIT compiler threads : %.3f ms, VM/GC threads %.3f ms, the rest (requests) %.3f ms%n",
                    ProcCpu.millis(jit) / requestsAttempted, ProcCpu.millis(vm) / requestsAttempted,
                    ProcCpu.millis(loginTicks + launchTicks - jit - vm) / requestsAttempted);
            System.out.printf(Locale.ROOT, "tool CPU busy in timed phases  : %.0f %% of one core%n",
                    100.0 * ProcCpu.millis(loginTicks + launchTicks) / (wall / 1e6));
        }
        if (options.dbProcess != null) {
            System.out.printf(Locale.ROOT, "%s processes' CPU per launch  : %.3f ms (not pinned; not in the tool's CPU)%n",
                    options.dbProcess, ProcCpu.millis(dbTicksSum) / requestsAttempted);
        }
        System.out.printf(Locale.ROOT, "load generator CPU, timed      : %.0f %% of one core%n", 100.0 * ProcCpu.millis(selfTicks) / (wall / 1e6));
        System.out.printf(Locale.ROOT, "other processes' CPU, timed    : %.0f %% of one core%s%n", 100.0 * otherShare,
                otherShare > 0.1 ? " (the machine was shared: throughput and latency are not clean)" : "");
        System.out.printf(Locale.ROOT, "login  latency ms p50/p90/p99/max: %.1f / %.1f / %.1f / %.1f%n", percentile(login, 0.5),
                percentile(login, 0.9), percentile(login, 0.99), percentile(login, 1.0));
        System.out.printf(Locale.ROOT, "launch latency ms p50/p90/p99/max: %.1f / %.1f / %.1f / %.1f%n", percentile(launch, 0.5),
                percentile(launch, 0.9), percentile(launch, 0.99), percentile(launch, 1.0));
        System.out.printf(Locale.ROOT, "errors                         : %d measured, %d in warm-up%n", errors, warmupErrors);
        System.out.printf(Locale.ROOT, "connections opened per phase   : %s%n", connectionsOpened);
        System.out.printf(Locale.ROOT, "platform JWKS fetches by tool  : %d%n", platform.jwksFetches.get());
        errorSamples.forEach(e -> System.out.println("  error: " + e));
        boolean pass = errors == 0 && cpuKnown && cpuPerLaunch <= 0.5 && percentile(login, 0.99) <= 50 && percentile(launch, 0.99) <= 50;
        System.out.printf(Locale.ROOT, "target (<= 0.5 ms tool CPU per full launch, p99 <= 50 ms at 64 concurrent, no errors): %s%n",
                pass ? "PASS" : "FAIL");
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.3f | %.1f / %.1f / %.1f / %.1f | %.1f / %.1f / %.1f / %.1f | %d | %,d |%n",
                options.label, rate, cpuPerLaunch,
                percentile(login, 0.5), percentile(login, 0.9), percentile(login, 0.99), percentile(login, 1.0),
                percentile(launch, 0.5), percentile(launch, 0.9), percentile(launch, 0.99), percentile(launch, 1.0),
                errors, requestsAttempted);
        if (options.json != null) {
            String json = String.format(Locale.ROOT, """
                    {"label": "%s", "batches": %d, "batch": %d, "concurrency": %d, "fullLaunches": %d, "errors": %d,
                     "fullLaunchesPerSecond": %.1f, "toolCpuMsPerFullLaunch": %.4f, "toolCpuMsPerLogin": %.4f, "toolCpuMsPerLaunch": %.4f,
                     "toolJitCpuMsPerFullLaunch": %.4f, "toolVmGcCpuMsPerFullLaunch": %.4f,
                     "dbCpuMsPerFullLaunch": %.4f, "generatorCpuShare": %.3f, "otherProcessesCpuShare": %.3f,
                     "loginMs": {"p50": %.2f, "p90": %.2f, "p99": %.2f, "max": %.2f},
                     "launchMs": {"p50": %.2f, "p90": %.2f, "p99": %.2f, "max": %.2f}, "pass": %s}
                    """, options.label, batches.size(), options.batch, options.concurrency, launches, errors, rate, cpuPerLaunch,
                    ProcCpu.millis(loginTicks) / requestsAttempted, ProcCpu.millis(launchTicks) / requestsAttempted,
                    ProcCpu.millis(batches.stream().mapToLong(b -> b.login.jitTicks + b.launch.jitTicks).sum()) / requestsAttempted,
                    ProcCpu.millis(batches.stream().mapToLong(b -> b.login.vmTicks + b.launch.vmTicks).sum()) / requestsAttempted,
                    options.dbProcess == null ? Double.NaN : ProcCpu.millis(dbTicksSum) / requestsAttempted,
                    ProcCpu.millis(selfTicks) / (wall / 1e6), otherShare,
                    percentile(login, 0.5), percentile(login, 0.9), percentile(login, 0.99), percentile(login, 1.0),
                    percentile(launch, 0.5), percentile(launch, 0.9), percentile(launch, 0.99), percentile(launch, 1.0), pass)
                    .replace("NaN", "null");
            Files.writeString(options.json, json);
        }
        return errors == 0 ? 0 : 1;
    }

    private static double rate(List<Batch> batches) {
        long wall = batches.stream().mapToLong(b -> b.login.wallNanos + b.launch.wallNanos).sum();
        return batches.stream().mapToInt(Batch::fullLaunches).sum() / (wall / 1e9);
    }

    /** CPU that processes other than the tool, the generator and the database used during the batch's timed phases, in cores. */
    private static double otherShare(Batch b) {
        long other = b.login.machineTicks + b.launch.machineTicks - b.login.toolTicks - b.launch.toolTicks - b.login.selfTicks
                - b.launch.selfTicks - Math.max(0, b.login.dbTicks) - Math.max(0, b.launch.dbTicks);
        return Math.max(0, ProcCpu.millis(other) / ((b.login.wallNanos + b.launch.wallNanos) / 1e6));
    }

    private static String cpuText(List<Batch> batches) {
        if (batches.stream().anyMatch(b -> b.login.toolTicks < 0 || b.launch.toolTicks < 0)) {
            return "tool CPU unknown";
        }
        int n = batches.stream().mapToInt(b -> b.login.requests).sum();
        long login = batches.stream().mapToLong(b -> b.login.toolTicks).sum();
        long launch = batches.stream().mapToLong(b -> b.launch.toolTicks).sum();
        long jit = batches.stream().mapToLong(b -> b.login.jitTicks + b.launch.jitTicks).sum();
        return String.format(Locale.ROOT, "tool CPU %.3f ms/full launch (login %.3f + launch %.3f; JIT %.3f)",
                ProcCpu.millis(login + launch) / n, ProcCpu.millis(login) / n, ProcCpu.millis(launch) / n, ProcCpu.millis(jit) / n);
    }

    private static long[] concat(List<long[]> arrays) {
        return arrays.stream().flatMapToLong(Arrays::stream).toArray();
    }

    /** Nearest-rank percentile in milliseconds; q = 1 is the maximum. */
    static double percentile(long[] nanos, double q) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        int q = url.indexOf('?');
        if (q < 0) {
            return params;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private void jcmd(String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("jcmd", Long.toString(options.toolPid)));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("jcmd did not finish: " + cmd);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0) {
            throw new IllegalStateException(cmd + " failed: " + out);
        }
    }

    private static String excerpt(String body) {
        String b = body == null ? "" : body.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
        return b.length() > 300 ? b.substring(0, 300) + "..." : b;
    }
}
