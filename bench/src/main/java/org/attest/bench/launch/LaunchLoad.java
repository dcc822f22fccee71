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
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;

/**
 * Load benchmark of full LTI 1.3 launches against a running tool: Attest, or the Java peer (spring-security-lti13)
 * under the same generator and settings. A full launch is what a learner's click in Moodle costs the tool: the OIDC
 * login initiation, the launch, and the page the launch lands on. It plays a Moodle-shaped platform
 * ({@link PlayedPlatform}), registers it with Attest through Dynamic Registration (the peer trusts it from its
 * command line), warms the tool up, then measures batches in four phases:
 * <ol>
 * <li>timed, <b>login</b>: POST the login initiation, expect 302 to the platform with state and nonce;
 * <li>untimed: the generator signs an id_token (RS256) per login nonce, so the platform's signing cost is neither on
 * the tool's CPU nor on the measured path;
 * <li>timed, <b>launch</b>: POST id_token and state, expect 302 into the tool;
 * <li>timed, <b>landing</b>: GET that Location with whatever cookie the tool set, following the tool's redirects to a
 * 200 HTML page: for Attest the learner's portfolio of Unit 224 ({@link Learners}), for the peer its "Hello, NAME".
 * </ol>
 * The launches rotate over the learners of one course (300 by default). Requests run at a fixed concurrency (64 by
 * default), one kept-alive connection per worker. Reported per phase and in total: the tool's CPU (utime + stime of
 * its process from /proc; with {@code --tool-pid A,B,C}, the sum over the replicas of a scaled-out tool, the start-up
 * time and memory being the first's) per full launch, latency percentiles, errors (any other answer); full launches/s = full
 * launches / time of the three timed phases; a full launch's latency is its three requests' added up; the tool's
 * start-up time (process start to its first HTTP answer) and resident memory idle and at the end. Only 127.0.0.1 is
 * contacted. See docs/benchmarks.md ("LTI launch") and bench/launch-load.sh, which starts the tool pinned to one core
 * and this generator on the other.
 */
public final class LaunchLoad {

    private static final int MAX_ERROR_SAMPLES = 5;
    private static final int MAX_BATCH = 20_000;
    private static final int MAX_REDIRECTS = 5;
    /** Tokens are valid 60 s (as Moodle issues them) plus the tool's 60 s clock allowance. */
    private static final Duration MAX_SIGNING_TIME = Duration.ofSeconds(45);
    /** How often the tool is asked whether it is up: the resolution of the start-up time. */
    private static final Duration START_POLL = Duration.ofMillis(20);
    private static final Duration IDLE_AFTER_START = Duration.ofSeconds(2);

    record Options(URI tool, long toolPid, List<Long> morePids, int concurrency, int warmup, int batch, int batches, int maxSeconds, int waitSeconds,
            String toolName, String tomcatThreads, String database, int learners, Path json, Path jfr, String jfrSettings,
            String dbProcess, boolean peer, int platformPort, String clientId) {

        private static final List<String> KNOWN = List.of("tool", "tool-pid", "concurrency", "warmup", "batch", "batches",
                "max-seconds", "wait-seconds", "tool-name", "tomcat-threads", "database", "learners", "json", "jfr",
                "jfr-settings", "db-process", "target", "platform-port", "client-id");

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
            for (String k : a.keySet()) {
                if (!KNOWN.contains(k)) {
                    throw new IllegalArgumentException("unknown option --" + k + " (known: " + KNOWN + ")");
                }
            }
            boolean peer = switch (a.getOrDefault("target", "attest")) {
                case "attest" -> false;
                case "peer" -> true;
                default -> throw new IllegalArgumentException("--target is attest or peer, not " + a.get("target"));
            };
            List<Long> pids = Arrays.stream(a.getOrDefault("tool-pid", "-1").split(",")).map(String::trim).map(Long::parseLong)
                    .toList();
            Options o = new Options(URI.create(a.getOrDefault("tool", "http://127.0.0.1:18090")),
                    pids.get(0), pids.subList(1, pids.size()),
                    Integer.parseInt(a.getOrDefault("concurrency", "64")),
                    Integer.parseInt(a.getOrDefault("warmup", "30000")),
                    Integer.parseInt(a.getOrDefault("batch", "5000")),
                    Integer.parseInt(a.getOrDefault("batches", "4")),
                    Integer.parseInt(a.getOrDefault("max-seconds", "900")),
                    Integer.parseInt(a.getOrDefault("wait-seconds", "180")),
                    a.getOrDefault("tool-name", peer ? "spring-security-lti13" : "Attest"),
                    a.getOrDefault("tomcat-threads", "shipped"),
                    a.getOrDefault("database", peer ? "in memory" : "H2 (in memory)"),
                    Integer.parseInt(a.getOrDefault("learners", "300")),
                    a.containsKey("json") ? Path.of(a.get("json")) : null,
                    a.containsKey("jfr") ? Path.of(a.get("jfr")).toAbsolutePath() : null,
                    a.getOrDefault("jfr-settings", "profile"),
                    a.get("db-process"),
                    peer,
                    Integer.parseInt(a.getOrDefault("platform-port", "0")),
                    a.getOrDefault("client-id", "perf-client"));
            String host = o.tool.getHost();
            if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
                throw new IllegalArgumentException("the load generator only talks to 127.0.0.1, not " + host);
            }
            if (o.concurrency < 1 || o.concurrency > 1024 || o.batch < 1 || o.batch > MAX_BATCH || o.batches < 1 || o.batches > 100
                    || o.warmup < 0 || o.warmup > 200_000 || o.maxSeconds < 10 || o.maxSeconds > 7200 || o.learners < 1
                    || o.learners > 100_000) {
                throw new IllegalArgumentException("out of range: concurrency 1..1024, batch 1.." + MAX_BATCH
                        + ", batches 1..100, warmup 0..200000, max-seconds 10..7200, learners 1..100000");
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

        String label() {
            return toolName + ", " + database + ", Tomcat threads " + tomcatThreads;
        }
    }

    /** What one timed phase measured; latencies in nanoseconds, one per request. */
    record Phase(int requests, long wallNanos, long toolTicks, long jitTicks, long vmTicks, long selfTicks, long dbTicks,
            long machineTicks, long[] latencies, int errors) {
    }

    /** One batch: the three timed phases (the signing between login and launch is not timed) and each landed launch's latency. */
    record Batch(Phase login, long signNanos, Phase launch, Phase landing, long[] fullLatencies) {

        int fullLaunches() {
            return fullLatencies.length;
        }

        int errors() {
            return login.errors + launch.errors + landing.errors;
        }

        List<Phase> timed() {
            return List.of(login, launch, landing);
        }
    }

    /**
     * The endpoints and answers of the tool under test. Attest: registered by Dynamic Registration, a launch goes on to
     * a session URL /s/..., whose page sends the learner on to their portfolio of the unit. The Java peer
     * (spring-security-lti13): configured with the played platform on its command line, OIDC state in an HTTP session
     * whose cookie the launch carries back, a launch is sent on to the id_token's target_link_uri ({@code /}), a page
     * that greets the user by name.
     */
    private record Target(String loginPath, String launchPath, String targetLinkPath, boolean sessionCookie, String landingPage) {
        static final Target ATTEST = new Target("/lti/login", "/lti/launch", "/lti/launch", false, "/portfolio/");
        static final Target PEER = new Target("/lti/login_initiation/platform", "/lti/login", "/", true, "/");

        boolean launched(Http1.Response r) {
            return r.status() == 302 && r.location() != null
                    && (sessionCookie ? !r.location().contains("error") : r.location().contains("/s/"));
        }

        /** Whether the page a launch ended on is where the learner should land. */
        boolean landed(String path, Http1.Response page, String learnerName) {
            if (page.status() != 200 || !page.isHtml()) {
                return false;
            }
            return sessionCookie ? path.equals(landingPage) && page.body().contains("Hello, " + learnerName) : path.contains(landingPage);
        }
    }

    /** One request of a phase (with the redirects it follows): null when the tool answered as expected, else what it did. */
    private interface Request {
        String send(Http1 http, int launch) throws IOException;
    }

    /** A batch's launches on their way through the phases: what each phase hands to the next, and which failed. */
    private static final class InFlight {
        final int first;
        final String[] state;
        final String[] nonce;
        final String[] cookie;
        final String[] location;
        final byte[][] launchForm;
        final long[] nanos;
        final boolean[] failed;

        InFlight(int first, int n) {
            this.first = first;
            this.state = new String[n];
            this.nonce = new String[n];
            this.cookie = new String[n];
            this.location = new String[n];
            this.launchForm = new byte[n][];
            this.nanos = new long[n];
            this.failed = new boolean[n];
        }

        /** The launches of the batch that have not failed yet. */
        int[] going() {
            return IntStream.range(0, failed.length).filter(i -> !failed[i]).toArray();
        }

        /** The number of launch {@code i} in the run: which learner launches. */
        int number(int i) {
            return first + i;
        }
    }

    private final Options options;
    private final Target target;
    private final PlayedPlatform platform;
    private final Learners learners;
    private final Instant deadline;
    private final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
    private final AtomicInteger errorSampleCount = new AtomicInteger();
    private final List<Integer> connectionsOpened = new ArrayList<>();
    private int launched;

    private LaunchLoad(Options options, PlayedPlatform platform) throws Exception {
        this.options = options;
        this.target = options.peer ? Target.PEER : Target.ATTEST;
        this.platform = platform;
        this.learners = new Learners(platform, options.learners);
        this.deadline = Instant.now().plusSeconds(options.maxSeconds);
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LaunchLoad: " + e.getMessage());
            System.err.println("usage: LaunchLoad --tool http://127.0.0.1:18090 --tool-pid PID[,PID...] [--concurrency 64] [--warmup 30000] "
                    + "[--batch 5000] [--batches 4] [--learners 300] [--max-seconds 900] [--tool-name Attest] [--tomcat-threads shipped] "
                    + "[--database H2] [--json out.json] [--jfr profile.jfr [--jfr-settings profile]] [--db-process postgres] "
                    + "[--target attest|peer --platform-port 9001 [--client-id perf-client]]");
            System.exit(2);
            return;
        }
        ScheduledExecutorService timeLimit = BenchProcess.timeLimit("LaunchLoad", options.maxSeconds);
        // First: the start-up time is read when the tool first answers, so nothing else may delay noticing it.
        Started started = awaitStart(options);
        PlayedPlatform.Identity identity = PlayedPlatform.Identity.fresh();
        if (options.peer) {
            identity = new PlayedPlatform.Identity(options.platformPort, options.clientId, identity.key());
        }
        int status;
        try (PlayedPlatform platform = new PlayedPlatform(options.base(), identity, options.peer ? Target.PEER.targetLinkPath
                : Target.ATTEST.targetLinkPath)) {
            status = new LaunchLoad(options, platform).run(started);
        }
        timeLimit.shutdownNow();
        System.exit(status);
    }

    /** The tool's start-up time (process start to its first HTTP answer) and its resident memory idle after that. */
    private record Started(double seconds, double rssIdleMiB) {
    }

    private static Started awaitStart(Options options) throws InterruptedException {
        String url = options.peer ? options.base() + "/" : options.base() + "/.well-known/jwks.json";
        BenchProcess.awaitAnswer(options.base(), url, options.peer ? 0 : 200, Duration.ofSeconds(options.waitSeconds), START_POLL);
        double seconds = options.toolPid > 0 ? ProcStatus.secondsSinceStart(options.toolPid) : -1;
        TimeUnit.MILLISECONDS.sleep(IDLE_AFTER_START.toMillis());
        double rss = options.toolPid > 0 ? ProcStatus.rssMiB(options.toolPid) : -1;
        System.out.printf(Locale.ROOT, "%s answered %.2f s after its process started; resident memory %.0f MiB idle %d s later%n",
                options.toolName, seconds, rss, IDLE_AFTER_START.toSeconds());
        return new Started(seconds, rss);
    }

    private int run(Started started) throws Exception {
        System.out.printf(Locale.ROOT, "LaunchLoad [%s]: tool %s (pid %s), platform %s, %d learners, concurrency %d, CLK_TCK %d%n",
                options.label(), options.base(), options.toolPid > 0 ? options.toolPid : "unknown", platform.issuer,
                learners.count(), options.concurrency, ProcCpu.CLK_TCK);
        if (options.peer) {
            System.out.println("the peer trusts this platform from its command line: issuer " + platform.issuer + ", client id "
                    + platform.clientId);
        } else {
            platform.register();
            System.out.println("registered by Dynamic Registration: issuer " + platform.issuer + ", client id " + platform.clientId
                    + ", deployment " + PlayedPlatform.DEPLOYMENT_ID);
        }

        if (options.jfr != null) {
            // Started before the warm-up: starting a recording on a warm JVM deoptimises compiled code for a while.
            jcmd("JFR.start", "name=launchload", "settings=" + options.jfrSettings, "filename=" + options.jfr);
        }
        long warmupStart = System.nanoTime();
        for (int warmed = 0; warmed < options.warmup; ) {
            int n = Math.min(options.batch, options.warmup - warmed);
            Batch batch = batch(n);
            warmed += n;
            System.out.printf(Locale.ROOT, "warm-up %,d/%,d: %.0f full launches/s, %s, errors %d%n", warmed, options.warmup,
                    rate(List.of(batch)), cpuText(List.of(batch)), batch.errors());
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
            System.out.printf(Locale.ROOT, "batch %d/%d: %,d full launches, %.0f/s, %s, p99 login %.1f / launch %.1f / landing %.1f ms, "
                            + "signing (untimed) %.1f s, errors %d, other processes %.0f %% of a core%n",
                    b + 1, options.batches, batch.fullLaunches(), rate(List.of(batch)), cpuText(List.of(batch)),
                    LaunchResult.percentile(batch.login.latencies, 0.99), LaunchResult.percentile(batch.launch.latencies, 0.99),
                    LaunchResult.percentile(batch.landing.latencies, 0.99), batch.signNanos / 1e9, batch.errors(),
                    100 * otherShare(batches.subList(b, b + 1)));
        }
        double rssEnd = options.toolPid > 0 ? ProcStatus.rssMiB(options.toolPid) : -1;
        if (options.jfr != null) {
            jcmd("JFR.stop", "name=launchload");
            System.out.println("JFR recording (warm-up and measured batches): " + options.jfr);
        }
        LaunchResult result = result(batches, warmupErrors, started, rssEnd);
        report(result);
        if (options.json != null) {
            result.write(options.json);
        }
        return result.errors() == 0 ? 0 : 1;
    }

    private Batch batch(int n) throws Exception {
        InFlight f = new InFlight(launched, n);
        launched += n;
        Phase login = phase("login", f, f.going(), (http, i) -> {
            Http1.Response r = http.postForm(target.loginPath, learners.loginForm(f.number(i)), null);
            Map<String, String> q = query(r.location());
            f.state[i] = q.get("state");
            f.nonce[i] = q.get("nonce");
            f.cookie[i] = r.cookieHeaderAfter(null);
            boolean ok = r.status() == 302 && r.location() != null && r.location().startsWith(platform.issuer + "/mod/lti/auth.php?") && f.state[i] != null
                    && f.nonce[i] != null && (!target.sessionCookie || f.cookie[i] != null);
            return ok ? null : answer(r);
        });

        long signStart = System.nanoTime();
        for (int i : f.going()) {
            f.launchForm[i] = platform.launchForm(f.state[i], f.nonce[i], learners.claims(f.number(i)));
        }
        long signNanos = System.nanoTime() - signStart;
        if (signNanos > MAX_SIGNING_TIME.toNanos()) {
            throw new IllegalStateException("signing " + n + " id_tokens took " + signNanos / 1_000_000_000 + " s; "
                    + "they expire 60 s after issue: use a smaller --batch");
        }

        Phase launch = phase("launch", f, f.going(), (http, i) -> {
            Http1.Response r = http.postForm(target.launchPath, f.launchForm[i], f.cookie[i]);
            if (!target.launched(r)) {
                return answer(r);
            }
            f.location[i] = r.location();
            f.cookie[i] = r.cookieHeaderAfter(f.cookie[i]);
            return null;
        });
        Phase landing = phase("landing", f, f.going(), (http, i) -> land(http, f.location[i], f.cookie[i], learners.name(f.number(i))));
        long[] full = IntStream.range(0, n).filter(i -> !f.failed[i]).mapToLong(i -> f.nanos[i]).toArray();
        return new Batch(login, signNanos, launch, landing, full);
    }

    /** Opens the page a launch was sent to, following the tool's redirects with the cookie it sets, as a browser does. */
    private String land(Http1 http, String location, String cookie, String learnerName) throws IOException {
        String path = onTool(location);
        for (int hop = 0; path != null && hop <= MAX_REDIRECTS; hop++) {
            Http1.Response r = http.get(path, cookie);
            cookie = r.cookieHeaderAfter(cookie);
            if (r.status() / 100 != 3) {
                return target.landed(path, r, learnerName) ? null : "landed on " + path + ": " + answer(r);
            }
            path = onTool(r.location());
            if (path == null) {
                return "sent off the tool: " + answer(r);
            }
        }
        return "no page after " + MAX_REDIRECTS + " redirects from " + location;
    }

    /** The path of a Location on the tool (relative, or absolute with the tool's origin), or null when it leads elsewhere. */
    private String onTool(String location) {
        if (location == null) {
            return null;
        }
        if (location.startsWith("/") && !location.startsWith("//")) {
            return location;
        }
        return location.startsWith(options.base() + "/") ? location.substring(options.base().length()) : null;
    }

    /**
     * Runs the requests of {@code launches} with {@code concurrency} workers, one kept-alive connection each; the tool's
     * CPU and the wall time are read around the requests only. A failed request fails its launch (no later phase sends it).
     */
    private Phase phase(String name, InFlight flight, int[] launches, Request request) throws Exception {
        int n = launches.length;
        int workers = Math.min(options.concurrency, Math.max(1, n));
        long[] latencies = new long[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(workers);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(workers);
        List<Http1> connections = new ArrayList<>();
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
                    for (int k = next.getAndIncrement(); k < n; k = next.getAndIncrement()) {
                        int i = launches[k];
                        long t0 = System.nanoTime();
                        String wrong;
                        try {
                            wrong = request.send(http, i);
                        } catch (IOException | RuntimeException e) {
                            wrong = e.toString();
                        }
                        latencies[k] = System.nanoTime() - t0;
                        flight.nanos[i] += latencies[k];
                        if (wrong != null) {
                            flight.failed[i] = true;
                            errors.incrementAndGet();
                            sample(name + ": " + wrong);
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
            t.start();
        }
        if (!ready.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not open " + workers + " connections to the tool within 60 s");
        }
        ProcCpu.ThreadGroups groups0 = threadGroups();
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
        ProcCpu.ThreadGroups groups1 = threadGroups();
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

    private ProcCpu.ThreadGroups threadGroups() {
        return options.toolPid > 0 ? ProcCpu.threadGroups(options.toolPid) : new ProcCpu.ThreadGroups(-1, -1);
    }

    private long toolTicks() {
        if (options.toolPid <= 0) {
            return -1;
        }
        long ticks = ProcCpu.ticks(options.toolPid);
        for (long pid : options.morePids) {
            ticks += ProcCpu.ticks(pid);
        }
        return ticks;
    }

    private long dbTicks() {
        return options.dbProcess == null ? -1 : ProcCpu.ticksOfAll(options.dbProcess);
    }

    private void sample(String error) {
        if (errorSampleCount.incrementAndGet() <= MAX_ERROR_SAMPLES) {
            errorSamples.add(error);
        }
    }

    private LaunchResult result(List<Batch> batches, int warmupErrors, Started started, double rssEnd) {
        int attempted = batches.stream().mapToInt(b -> b.login.requests).sum();
        boolean cpuKnown = batches.stream().flatMap(b -> b.timed().stream()).allMatch(p -> p.toolTicks >= 0);
        boolean dbKnown = options.dbProcess != null && batches.stream().flatMap(b -> b.timed().stream()).allMatch(p -> p.dbTicks >= 0);
        long wall = total(batches, Phase::wallNanos);
        return new LaunchResult(options.toolName, options.tomcatThreads, options.database, options.concurrency, options.warmup,
                attempted, batches.stream().mapToInt(Batch::fullLaunches).sum(),
                batches.stream().mapToInt(Batch::errors).sum(), warmupErrors, rate(batches),
                cpuKnown ? perLaunch(total(batches, Batch::login, Phase::toolTicks), attempted) : -1,
                cpuKnown ? perLaunch(total(batches, Batch::launch, Phase::toolTicks), attempted) : -1,
                cpuKnown ? perLaunch(total(batches, Batch::landing, Phase::toolTicks), attempted) : -1,
                cpuKnown ? perLaunch(total(batches, Phase::toolTicks), attempted) : -1,
                cpuKnown ? perLaunch(total(batches, Phase::jitTicks), attempted) : -1,
                cpuKnown ? perLaunch(total(batches, Phase::vmTicks), attempted) : -1,
                dbKnown ? perLaunch(total(batches, Phase::dbTicks), attempted) : -1,
                percentiles(batches, Batch::login), percentiles(batches, Batch::launch), percentiles(batches, Batch::landing),
                LaunchResult.Percentiles.of(concat(batches.stream().map(Batch::fullLatencies).toList())),
                started.seconds, started.rssIdleMiB, rssEnd,
                ProcCpu.millis(total(batches, Phase::selfTicks)) / (wall / 1e6), otherShare(batches));
    }

    private void report(LaunchResult r) {
        System.out.println();
        System.out.printf(Locale.ROOT, "=== LTI launch load [%s]: %,d warm-up, %,d timed full launches, %d learners, concurrency %d ===%n",
                options.label(), r.warmup(), r.timed(), learners.count(), r.concurrency());
        System.out.printf(Locale.ROOT, "full launches (login + launch + landing): %,d landed of %,d%n", r.fullLaunches(), r.timed());
        System.out.printf(Locale.ROOT, "full launches/s                : %.0f%n", r.launchesPerSecond());
        System.out.printf(Locale.ROOT, "tool CPU per full launch       : %.3f ms (login %.3f + launch %.3f + landing %.3f ms)%n", r.fullCpuMs(),
                r.loginCpuMs(), r.launchCpuMs(), r.landingCpuMs());
        System.out.printf(Locale.ROOT, "  of which JIT compiler threads : %.3f ms, VM/GC threads %.3f ms%n", r.jitCpuMs(), r.vmGcCpuMs());
        if (options.dbProcess != null) {
            System.out.printf(Locale.ROOT, "%s processes' CPU per launch  : %.3f ms (not pinned; not in the tool's CPU)%n",
                    options.dbProcess, r.dbCpuMs());
        }
        System.out.printf(Locale.ROOT, "load generator CPU, timed      : %.0f %% of one core%n", 100 * r.generatorShare());
        System.out.printf(Locale.ROOT, "other processes' CPU, timed    : %.0f %% of one core%s%n", 100 * r.otherShare(),
                r.otherShare() > 0.1 ? " (the machine was shared: throughput and latency are not clean)" : "");
        System.out.println("latency ms p50 / p90 / p99 / max:");
        System.out.println("  login   " + r.login());
        System.out.println("  launch  " + r.launch());
        System.out.println("  landing " + r.landing());
        System.out.println("  full    " + r.full());
        System.out.printf(Locale.ROOT, "start-up (process start to first answer): %.2f s; resident memory idle %.0f MiB, at the end %.0f MiB%n",
                r.startupSeconds(), r.rssIdleMiB(), r.rssEndMiB());
        System.out.printf(Locale.ROOT, "errors                         : %d measured, %d in warm-up%n", r.errors(), r.warmupErrors());
        System.out.printf(Locale.ROOT, "connections opened per phase   : %s%n", connectionsOpened);
        System.out.printf(Locale.ROOT, "platform JWKS fetches by tool  : %d%n", platform.jwksFetches.get());
        errorSamples.forEach(e -> System.out.println("  error: " + e));
        if (!options.peer) {
            double cpuTarget = options.dbProcess == null ? 0.40 : 0.45;
            boolean pass = r.errors() == 0 && r.fullCpuMs() >= 0 && r.fullCpuMs() <= cpuTarget && r.launch().p99() <= 50;
            System.out.printf(Locale.ROOT, "target (<= %.2f ms tool CPU per full launch, launch p99 <= 50 ms at 64 concurrent, no errors): %s%n",
                    cpuTarget, pass ? "PASS" : "FAIL");
        }
    }

    private static LaunchResult.Percentiles percentiles(List<Batch> batches, Function<Batch, Phase> phase) {
        return LaunchResult.Percentiles.of(concat(batches.stream().map(b -> phase.apply(b).latencies).toList()));
    }

    /** A figure summed over the three timed phases of every batch. */
    private static long total(List<Batch> batches, ToLongFunction<Phase> figure) {
        return batches.stream().flatMap(b -> b.timed().stream()).mapToLong(figure).sum();
    }

    /** A figure of one phase summed over every batch. */
    private static long total(List<Batch> batches, Function<Batch, Phase> phase, ToLongFunction<Phase> figure) {
        return batches.stream().map(phase).mapToLong(figure).sum();
    }

    private static double perLaunch(long ticks, int launches) {
        return ProcCpu.millis(ticks) / launches;
    }

    private static double rate(List<Batch> batches) {
        return batches.stream().mapToInt(Batch::fullLaunches).sum() / (total(batches, Phase::wallNanos) / 1e9);
    }

    /** CPU that processes other than the tool, the generator and the database used during the timed phases, in cores. */
    private static double otherShare(List<Batch> batches) {
        long other = total(batches, Phase::machineTicks) - total(batches, Phase::toolTicks) - total(batches, Phase::selfTicks)
                - total(batches, p -> Math.max(0, p.dbTicks));
        return Math.max(0, ProcCpu.millis(other) / (total(batches, Phase::wallNanos) / 1e6));
    }

    private static String cpuText(List<Batch> batches) {
        if (batches.stream().flatMap(b -> b.timed().stream()).anyMatch(p -> p.toolTicks < 0)) {
            return "tool CPU unknown";
        }
        int n = batches.stream().mapToInt(b -> b.login.requests).sum();
        return String.format(Locale.ROOT, "tool CPU %.3f ms/full launch (login %.3f + launch %.3f + landing %.3f; JIT %.3f)",
                perLaunch(total(batches, Phase::toolTicks), n), perLaunch(total(batches, Batch::login, Phase::toolTicks), n),
                perLaunch(total(batches, Batch::launch, Phase::toolTicks), n), perLaunch(total(batches, Batch::landing, Phase::toolTicks), n),
                perLaunch(total(batches, Phase::jitTicks), n));
    }

    private static long[] concat(List<long[]> arrays) {
        return arrays.stream().flatMapToLong(Arrays::stream).toArray();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        int q = url == null ? -1 : url.indexOf('?');
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

    /** The tool's answer in a line: status, Location, the start of the body's text. */
    private static String answer(Http1.Response r) {
        String b = r.body() == null ? "" : r.body().replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
        return "HTTP " + r.status() + (r.location() == null ? "" : " Location " + r.location()) + " "
                + (b.length() > 300 ? b.substring(0, 300) + "..." : b);
    }
}
