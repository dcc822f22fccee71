package org.attest.bench.portfolio;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.bench.launch.Http1;
import org.attest.bench.launch.BenchProcess;
import org.attest.bench.launch.PlayedPlatform;
import org.attest.bench.launch.ProcCpu;
import org.attest.bench.portfolio.QualificationPlan.PlannedUnit;

/**
 * Benchmark of the portfolio pages on a large generated data set (docs/benchmarks.md, "Portfolio
 * pages"). Against a running tool on PostgreSQL it:
 * <ol>
 * <li>plays a Moodle platform ({@link PlayedPlatform}) and registers it by Dynamic Registration, or
 * plays the one an earlier run saved and registered;
 * <li>loads the data set ({@link PortfolioData}) when the database holds none for that platform;
 * <li>launches assessors and learners of the measured course (deployment 1, context 2, the Unit 224
 * activity, placed by Deep Linking so it carries attest_framework and attest_unit) through real
 * LTI launches, and checks that the launches land on the generated rows and that the overview pages
 * give each learner the verdict the caseload shows;
 * <li>times the assessor's caseload of Unit 224 (300 learners) and learners' unit overviews (each
 * client cycling over different learners) after a warm-up, with 1 and then 4 concurrent clients.
 * </ol>
 * Only 127.0.0.1 is contacted. The tool's and PostgreSQL's CPU time are read from /proc around each
 * timed phase.
 */
public final class PortfolioLoad {

    private static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    private static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
    private static final Pattern PROGRESS = Pattern.compile("(\\d+) of (\\d+) criteria met");
    private static final Pattern QUEUED = Pattern.compile("id=\"queued\">(\\d+)<");
    private static final Pattern TO_COUNTERSIGN = Pattern.compile("id=\"to-countersign\">(\\d+)<");
    private static final double CASELOAD_P95_MS = 150;
    private static final double OVERVIEW_P95_MS = 50;
    /** Issue 13: proposing a sample for a course of 300 learners × 15 units, and its matrix. */
    private static final double SAMPLING_P95_MS = 200;
    private static final String IQA_SUBJECT = "iqa-bench";

    record Options(URI tool, long toolPid, String jdbcUrl, String dbUser, String dbPassword, Path platformIdentity,
            int centres, double evidenceShare, int learnerSessions, int warmup, int caseloadRequests, int overviewRequests,
            List<Integer> clients, int maxSeconds, String label, Path json, String dbProcess) {

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
            List<String> known = List.of("tool", "tool-pid", "jdbc-url", "db-user", "db-password", "platform-identity",
                    "centres", "evidence-share", "learner-sessions", "warmup", "caseload-requests", "overview-requests", "clients",
                    "max-seconds", "label", "json", "db-process");
            for (String k : a.keySet()) {
                if (!known.contains(k)) {
                    throw new IllegalArgumentException("unknown option --" + k + " (known: " + known + ")");
                }
            }
            Options o = new Options(URI.create(a.getOrDefault("tool", "http://127.0.0.1:18091")),
                    Long.parseLong(a.getOrDefault("tool-pid", "-1")),
                    a.getOrDefault("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/attest_bench"),
                    a.getOrDefault("db-user", "attest"), a.getOrDefault("db-password", "attest"),
                    Path.of(a.getOrDefault("platform-identity", "bench/target/portfolio-load/platform.json")),
                    Integer.parseInt(a.getOrDefault("centres", "50")),
                    Double.parseDouble(a.getOrDefault("evidence-share", "0.1")),
                    Integer.parseInt(a.getOrDefault("learner-sessions", "40")),
                    Integer.parseInt(a.getOrDefault("warmup", "400")),
                    Integer.parseInt(a.getOrDefault("caseload-requests", "600")),
                    Integer.parseInt(a.getOrDefault("overview-requests", "2000")),
                    Arrays.stream(a.getOrDefault("clients", "1,4").split(",")).map(String::trim).map(Integer::parseInt).toList(),
                    Integer.parseInt(a.getOrDefault("max-seconds", "3600")),
                    a.getOrDefault("label", "PostgreSQL"),
                    a.containsKey("json") ? Path.of(a.get("json")) : null,
                    a.get("db-process"));
            String host = o.tool.getHost();
            if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
                throw new IllegalArgumentException("the load driver only talks to 127.0.0.1, not " + host);
            }
            if (!o.jdbcUrl.startsWith("jdbc:postgresql://127.0.0.1") && !o.jdbcUrl.startsWith("jdbc:postgresql://localhost")) {
                throw new IllegalArgumentException("the data set is loaded into PostgreSQL on 127.0.0.1 only, not " + o.jdbcUrl);
            }
            if (o.centres < 1 || o.centres > 500 || o.learnerSessions < 1 || o.learnerSessions > 300 || o.warmup < 0 || o.caseloadRequests < 1
                    || o.overviewRequests < 1 || o.clients.stream().anyMatch(c -> c < 1 || c > 64) || o.maxSeconds < 10) {
                throw new IllegalArgumentException("out of range: centres 1..500, learner-sessions 1..300, clients 1..64, requests >= 1, "
                        + "warmup >= 0, max-seconds >= 10");
            }
            return o;
        }

        /** The issue's data set, or a smaller one with fewer centres for a quick check of the benchmark itself. */
        DataShape shape() {
            DataShape target = DataShape.issueTarget(evidenceShare);
            return new DataShape(centres, target.learnersPerCentre(), target.courseSize(), target.evidencePerUnit(),
                    evidenceShare, target.seed());
        }

        String base() {
            String s = tool.toString();
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }
    }

    /** A signed-in launch: the token its pages carry and the page the tool sent it to. */
    record Session(String token, String landing) {
    }

    /** What one timed phase measured. */
    record Phase(String page, int clients, int requests, int errors, long wallNanos, long[] latencies, long toolTicks,
            long dbTicks, long machineTicks, long selfTicks) {

        double percentile(double q) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(q * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
        }

        double perSecond() {
            return requests / (wallNanos / 1e9);
        }

        double cpuMs(long ticks) {
            return ticks < 0 ? Double.NaN : ProcCpu.millis(ticks) / requests;
        }

        double othersShare() {
            long other = machineTicks - Math.max(0, toolTicks) - Math.max(0, dbTicks) - selfTicks;
            return Math.max(0, ProcCpu.millis(other) / (wallNanos / 1e6));
        }
    }

    private final Options options;
    private final PlayedPlatform platform;
    private final List<String> errorSamples = new ArrayList<>();

    private PortfolioLoad(Options options, PlayedPlatform platform) {
        this.options = options;
        this.platform = platform;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("PortfolioLoad: " + e.getMessage());
            System.err.println("usage: PortfolioLoad --tool http://127.0.0.1:18091 --tool-pid PID "
                    + "[--jdbc-url jdbc:postgresql://127.0.0.1:5432/attest_bench --db-user attest --db-password attest] "
                    + "[--platform-identity FILE] [--centres 50] [--evidence-share 0.1] [--learner-sessions 40] [--warmup 400] "
                    + "[--caseload-requests 600] [--overview-requests 2000] [--clients 1,4] [--json out.json] [--db-process postgres]");
            System.exit(2);
            return;
        }
        ScheduledExecutorService timeLimit = BenchProcess.timeLimit("PortfolioLoad", options.maxSeconds);

        boolean known = Files.exists(options.platformIdentity);
        PlayedPlatform.Identity identity = known ? PlayedPlatform.Identity.load(options.platformIdentity)
                : PlayedPlatform.Identity.fresh();
        int status;
        try (PlayedPlatform platform = new PlayedPlatform(options.base(), identity)) {
            if (!known) {
                Files.createDirectories(options.platformIdentity.toAbsolutePath().getParent());
                platform.saveIdentity(options.platformIdentity);
            }
            status = new PortfolioLoad(options, platform).run();
        }
        timeLimit.shutdownNow();
        System.exit(status);
    }

    private int run() throws Exception {
        waitForTool();
        try (Connection db = DriverManager.getConnection(options.jdbcUrl, options.dbUser, options.dbPassword)) {
            UUID platformId = registered(db).orElse(null);
            if (platformId == null) {
                platform.register();
                platformId = registered(db).orElseThrow(() -> new IllegalStateException(
                        "Dynamic Registration succeeded but the platform is not in " + options.jdbcUrl + "; is the tool using that database?"));
                System.out.println("registered by Dynamic Registration: issuer " + platform.issuer + ", client id " + platform.clientId);
            } else {
                System.out.println("the tool knows the saved platform already: issuer " + platform.issuer + ", client id " + platform.clientId);
            }
            QualificationPlan plan = QualificationPlan.read(db);
            long existing = PortfolioData.existingLearnerUnits(db, platformId);
            if (existing == 0) {
                DataShape shape = options.shape();
                System.out.printf(Locale.ROOT, "generating: %d centres, %,d learners, %d units each, %d evidence items per learner unit "
                                + "for every learner unit of centre 1 and %.0f %% of the others%n", shape.centres(), shape.learners(),
                        DataShape.UNITS_PER_LEARNER, shape.evidencePerUnit(), 100 * shape.evidenceShare());
                PortfolioData.Summary summary = PortfolioData.generate(db, platformId, shape, plan, System.out);
                System.out.printf(Locale.ROOT, "generated in %.1f s: %,d learner units with evidence; rows %s%n", summary.seconds(),
                        summary.learnerUnitsWithEvidence(), summary.rows());
            } else {
                System.out.printf(Locale.ROOT, "reusing the data set already loaded: %,d learner units%n", existing);
            }
            printSizes(db);

            PlannedUnit unit224 = plan.unit(0);
            List<Session> assessors = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                boolean qualified = i % 2 == 0;
                assessors.add(launch(DataShape.assessorSubject(0, qualified), Wording.assessorName(0, qualified), INSTRUCTOR, unit224));
            }
            String caseload = "/caseload?unit=" + unit224.code();
            for (Session s : assessors) {
                if (!s.landing.endsWith("/s/" + s.token + caseload)) {
                    throw new IllegalStateException("an assessor's launch landed on " + s.landing + ", not the caseload of Unit 224");
                }
            }
            List<String> overviews = learnerOverviews(db, platformId, unit224);
            List<String> caseloads = assessors.stream().map(s -> "/s/" + s.token + caseload).toList();
            checkCaseload(db, platformId, caseloads.get(0));

            List<String> samplingPlans = samplingPlan(db, platformId, unit224);
            List<String> samplingMatrices = samplingPlans.stream().map(p -> p + "/matrix").toList();

            List<Phase> phases = new ArrayList<>();
            System.out.printf(Locale.ROOT, "warm-up: %d requests of each page at %d clients%n", options.warmup,
                    options.clients.stream().max(Integer::compare).orElse(1));
            int warmClients = options.clients.stream().max(Integer::compare).orElse(1);
            phase("caseload", caseloads, warmClients, options.warmup);
            phase("overview", overviews, warmClients, options.warmup);
            phase("sampling-plan", samplingPlans, warmClients, Math.max(20, options.warmup / 10));
            phase("sampling-matrix", samplingMatrices, warmClients, Math.max(20, options.warmup / 10));
            for (int clients : options.clients) {
                for (Phase p : List.of(phase("caseload", caseloads, clients, options.caseloadRequests),
                        phase("overview", overviews, clients, options.overviewRequests),
                        phase("sampling-plan", samplingPlans, clients, Math.max(50, options.caseloadRequests / 4)),
                        phase("sampling-matrix", samplingMatrices, clients, Math.max(50, options.caseloadRequests / 4)))) {
                    phases.add(p);
                    System.out.printf(Locale.ROOT, "%-8s %d client(s): %,d requests, %.0f/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, "
                                    + "max %.1f ms, errors %d%n", p.page, p.clients, p.requests, p.perSecond(), p.percentile(0.5),
                            p.percentile(0.95), p.percentile(0.99), p.percentile(1), p.errors);
                }
            }
            return report(phases);
        }
    }

    /**
     * An internal quality assurer of the centre (named in the database, as a centre administrator would on the admin
     * page) launches into the measured course and makes a summative plan of Unit 224's qualification for that course:
     * 300 learners × 15 units. Returns the plan page's path (the page proposes the sample from the live caseload).
     */
    private List<String> samplingPlan(Connection db, UUID platformId, PlannedUnit unit224) throws Exception {
        try (var insert = db.prepareStatement("""
                INSERT INTO iqa_person (platform_id, subject, name, qualification, working_towards, lead, active, updated_by,
                    updated_at) VALUES (?, ?, 'Ivy Benchmark', 'TAQA Level 4', FALSE, TRUE, TRUE, 'benchmark', now())
                ON CONFLICT DO NOTHING""")) {
            insert.setObject(1, platformId);
            insert.setString(2, IQA_SUBJECT);
            insert.executeUpdate();
        }
        String deployment;
        try (var q = db.prepareStatement("SELECT deployment_id FROM learner_unit WHERE platform_id = ? AND context_id = ? LIMIT 1")) {
            q.setObject(1, platformId);
            q.setString(2, DataShape.contextId(0));
            try (var rs = q.executeQuery()) {
                rs.next();
                deployment = rs.getString(1);
            }
        }
        Session iqa = launch(IQA_SUBJECT, "Ivy Benchmark", INSTRUCTOR, unit224);
        String form = "title=Benchmark+summative&kind=SUMMATIVE&baseRate=10&raisedRate=50&frameworkId=" + unit224.frameworkId()
                + "&course=" + java.net.URLEncoder.encode(deployment + " " + DataShape.contextId(0), java.nio.charset.StandardCharsets.UTF_8);
        try (Http1 http = new Http1(options.tool.getHost(), port())) {
            Http1.Response made = http.postForm("/s/" + iqa.token + "/iqa/plans", form.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (made.status() != 303 || made.location() == null) {
                throw new IllegalStateException("making the sampling plan: HTTP " + made.status() + " " + excerpt(made.body()));
            }
            String path = made.location().substring(made.location().indexOf("/s/"));
            Http1.Response page = http.get(path);
            int picks = count(page.body(), "<tr>") ;
            System.out.printf(Locale.ROOT, "sampling plan for the measured course: HTTP %d, %,d bytes of HTML, %d table rows%n",
                    page.status(), page.body().length(), picks);
            if (page.status() != 200) {
                throw new IllegalStateException("the sampling plan page: HTTP " + page.status() + " " + excerpt(page.body()));
            }
            return List.of(path);
        }
    }

    private Optional<UUID> registered(Connection db) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT id FROM platform WHERE issuer = ? AND client_id = ?")) {
            s.setString(1, platform.issuer);
            s.setString(2, platform.clientId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /**
     * Launches learners spread over the measured course's 300 and checks each against the database:
     * the launch opened the generated portfolio (not a new one), and the overview's verdict is the one
     * the caseload shows. Returns the overview paths, one per learner.
     */
    private List<String> learnerOverviews(Connection db, UUID platformId, PlannedUnit unit224) throws Exception {
        int inCourse = options.shape().learnersIn(0);
        int sessions = Math.min(options.learnerSessions, inCourse);
        List<String> paths = new ArrayList<>();
        int agree = 0;
        try (Http1 http = new Http1(options.tool.getHost(), port());
                PreparedStatement row = db.prepareStatement("""
                        SELECT id, criteria_met, criteria_total, ready_for_sign_off, complete FROM learner_unit
                        WHERE platform_id = ? AND deployment_id = '1' AND context_id = ? AND learner_subject = ? AND unit_code = ?""")) {
            for (int i = 0; i < sessions; i++) {
                int learner = options.shape().learner(0, i * inCourse / sessions);
                String subject = DataShape.learnerSubject(learner);
                Session s = launch(subject, Wording.learnerName(learner), LEARNER, unit224);
                row.setObject(1, platformId);
                row.setString(2, DataShape.contextId(0));
                row.setString(3, subject);
                row.setString(4, unit224.code());
                UUID expected;
                int met;
                int total;
                String status;
                try (ResultSet rs = row.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("learner " + subject + " has no generated portfolio for Unit 224");
                    }
                    expected = rs.getObject("id", UUID.class);
                    met = rs.getInt("criteria_met");
                    total = rs.getInt("criteria_total");
                    status = rs.getBoolean("complete") ? "Complete" : rs.getBoolean("ready_for_sign_off") ? "Ready for sign-off" : "In progress";
                }
                String path = "/s/" + s.token + "/portfolio/" + expected;
                if (!s.landing.endsWith(path)) {
                    throw new IllegalStateException("learner " + subject + "'s launch landed on " + s.landing + ", not on their generated "
                            + "portfolio " + expected + ": the launch claims do not match the generated rows");
                }
                Http1.Response page = http.get(path);
                Matcher progress = PROGRESS.matcher(page.body());
                if (page.status() != 200 || !progress.find()) {
                    throw new IllegalStateException("overview of " + subject + ": HTTP " + page.status() + " " + excerpt(page.body()));
                }
                boolean same = Integer.parseInt(progress.group(1)) == met && Integer.parseInt(progress.group(2)) == total
                        && page.body().contains("class=\"tag" + (status.equals("Complete") ? " good" : "") + "\">" + status + "<");
                if (same) {
                    agree++;
                } else {
                    System.out.printf(Locale.ROOT, "  verdict differs for learner %s: caseload row %d/%d %s, overview page %s%n",
                            subject, met, total, status, progress.group());
                }
                paths.add(path);
            }
        }
        System.out.printf(Locale.ROOT, "launched %d learners of the measured course; the overview's verdict matches the generated "
                + "caseload row for %d of them%n", sessions, agree);
        if (agree != sessions) {
            throw new IllegalStateException("the generated progress columns disagree with the tool's completion rules");
        }
        return paths;
    }

    /**
     * The caseload lists the course's 300 learners of Unit 224, and its two course-wide counts are the
     * sizes of the marking and countersignature queues, as the queue pages' own queries count them.
     */
    private void checkCaseload(Connection db, UUID platformId, String path) throws IOException, SQLException {
        Http1.Response page;
        try (Http1 http = new Http1(options.tool.getHost(), port())) {
            page = http.get(path);
        }
        int learners = count(page.body(), "/portfolio/");
        int expected = options.shape().learnersIn(0);
        if (page.status() != 200 || learners != expected) {
            throw new IllegalStateException("the caseload of Unit 224 lists " + learners + " learners, not " + expected + ": HTTP "
                    + page.status() + " " + excerpt(page.body()));
        }
        Matcher queued = QUEUED.matcher(page.body());
        Matcher countersign = TO_COUNTERSIGN.matcher(page.body());
        if (!queued.find() || !countersign.find()) {
            throw new IllegalStateException("the caseload page shows no queue counts: " + excerpt(page.body()));
        }
        long toMark = count(db, platformId, """
                SELECT COUNT(*) FROM (
                  SELECT e.id FROM learner_unit lu
                  JOIN evidence e ON e.learner_unit_id = lu.id AND e.is_current = TRUE
                  LEFT JOIN evidence_mapping m ON m.evidence_id = e.id AND m.status = 'CLAIMED'
                  WHERE lu.platform_id = ? AND lu.deployment_id = '1' AND lu.context_id = '2'
                  GROUP BY e.id, e.status HAVING COUNT(m.item_id) > 0 OR e.status = 'SUBMITTED') queued""");
        long toCountersign = count(db, platformId, """
                SELECT COUNT(*) FROM assessment_decision d JOIN learner_unit lu ON lu.id = d.learner_unit_id
                WHERE lu.platform_id = ? AND lu.deployment_id = '1' AND lu.context_id = '2'
                  AND d.is_current = TRUE AND d.countersignature_needed = TRUE AND d.countersigned_at IS NULL""")
                + count(db, platformId, """
                SELECT COUNT(*) FROM unit_signature s JOIN learner_unit lu ON lu.id = s.learner_unit_id
                WHERE lu.platform_id = ? AND lu.deployment_id = '1' AND lu.context_id = '2'
                  AND s.kind = 'SIGN_OFF' AND s.needs_countersignature = TRUE AND s.withdrawn_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM unit_signature c WHERE c.learner_unit_id = s.learner_unit_id
                                  AND c.kind = 'SIGN_OFF_COUNTERSIGNATURE' AND c.withdrawn_at IS NULL)""");
        System.out.printf(Locale.ROOT, "caseload of Unit 224: %d learners; %s pieces of evidence to mark and %s awaiting "
                        + "countersignature in the course (the queues' queries count %,d and %,d); %,d bytes of HTML%n",
                learners, queued.group(1), countersign.group(1), toMark, toCountersign, page.body().length());
        if (Long.parseLong(queued.group(1)) != toMark || Long.parseLong(countersign.group(1)) != toCountersign) {
            throw new IllegalStateException("the caseload's counts differ from the queues");
        }
    }

    private static long count(Connection db, UUID platformId, String sql) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setObject(1, platformId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** One real launch: login initiation, id_token post, then the landing page's redirect. */
    private Session launch(String subject, String name, String role, PlannedUnit unit) throws Exception {
        try (Http1 http = new Http1(options.tool.getHost(), port())) {
            Http1.Response login = http.postForm("/lti/login", platform.loginForm(subject));
            Map<String, String> q = query(login.location());
            if (login.status() != 302 || q.get("state") == null || q.get("nonce") == null) {
                throw new IllegalStateException("login of " + subject + ": HTTP " + login.status() + " " + login.location());
            }
            String[] names = name.split(" ", 2);
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("sub", subject);
            claims.put("name", name);
            claims.put("given_name", names[0]);
            claims.put("family_name", names.length > 1 ? names[1] : "");
            claims.put("email", "user" + subject + "@example.ac.uk");
            claims.put(PlayedPlatform.LTI + "roles", List.of(role));
            claims.put(PlayedPlatform.LTI + "context", Map.of("id", DataShape.contextId(0), "label", "CS2-A",
                    "title", "Level 2 Customer Service, group A", "type", List.of("CourseSection")));
            claims.put(PlayedPlatform.LTI + "resource_link", Map.of("id", DataShape.resourceLinkId(0, unit.index()),
                    "title", unit.unit().displayName()));
            // As Deep Linking placed the activity: the unit travels in the custom parameters.
            claims.put(PlayedPlatform.LTI + "custom", Map.of("attest_framework", unit.frameworkId().toString(),
                    "attest_unit", unit.code()));
            claims.put(PlayedPlatform.LTI + "lis", Map.of("person_sourcedid", "P" + subject, "course_section_sourcedid", "CS2-A"));
            claims.put(PlayedPlatform.LTI + "ext", Map.of("user_username", "user" + subject, "lms", "moodle-2"));
            Http1.Response launched = http.postForm("/lti/launch", platform.launchForm(q.get("state"), q.get("nonce"), claims));
            String location = launched.location();
            int at = location == null ? -1 : location.indexOf("/s/");
            if (launched.status() != 302 || at < 0) {
                throw new IllegalStateException("launch of " + subject + ": HTTP " + launched.status() + " " + location + " "
                        + excerpt(launched.body()));
            }
            String rest = location.substring(at + 3);
            String token = rest.substring(0, rest.indexOf('/'));
            Http1.Response landing = http.get("/s/" + token + "/");
            if (landing.status() != 302 || landing.location() == null) {
                throw new IllegalStateException("landing page of " + subject + ": HTTP " + landing.status() + " " + excerpt(landing.body()));
            }
            return new Session(token, landing.location());
        }
    }

    /** Runs {@code n} GETs over {@code paths} (request i gets path i mod size) with {@code clients} workers. */
    private Phase phase(String page, List<String> paths, int clients, int n) throws Exception {
        long[] latencies = new long[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(clients);
        List<Http1> connections = new ArrayList<>();
        for (int w = 0; w < clients; w++) {
            Http1 http = new Http1(options.tool.getHost(), port());
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
                            Http1.Response r = http.get(paths.get(i % paths.size()));
                            latencies[i] = System.nanoTime() - t0;
                            if (r.status() != 200) {
                                errors.incrementAndGet();
                                sample(page + ": HTTP " + r.status() + " " + excerpt(r.body()));
                            }
                        } catch (IOException | RuntimeException e) {
                            latencies[i] = System.nanoTime() - t0;
                            errors.incrementAndGet();
                            sample(page + ": " + e);
                        }
                    }
                } catch (InterruptedException | IOException e) {
                    errors.incrementAndGet();
                    sample(page + ": worker could not start: " + e);
                } finally {
                    done.countDown();
                }
            }, page + "-" + w);
            t.setDaemon(true);
            t.start();
        }
        if (!ready.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not open " + clients + " connections to the tool within 60 s");
        }
        long tool0 = options.toolPid > 0 ? ProcCpu.ticks(options.toolPid) : -1;
        long db0 = options.dbProcess == null ? -1 : ProcCpu.ticksOfAll(options.dbProcess);
        long machine0 = ProcCpu.machineBusyTicks();
        long self0 = ProcCpu.selfTicks();
        long t0 = System.nanoTime();
        start.countDown();
        done.await();
        long wall = System.nanoTime() - t0;
        long tool1 = options.toolPid > 0 ? ProcCpu.ticks(options.toolPid) : -1;
        long db1 = options.dbProcess == null ? -1 : ProcCpu.ticksOfAll(options.dbProcess);
        long machine1 = ProcCpu.machineBusyTicks();
        long self1 = ProcCpu.selfTicks();
        connections.forEach(Http1::close);
        return new Phase(page, clients, n, errors.get(), wall, latencies, tool0 < 0 || tool1 < 0 ? -1 : tool1 - tool0,
                db0 < 0 || db1 < 0 ? -1 : db1 - db0, machine1 - machine0, self1 - self0);
    }

    private int report(List<Phase> phases) throws IOException {
        System.out.println();
        System.out.printf(Locale.ROOT, "=== Portfolio pages [%s] ===%n", options.label);
        System.out.println("| page | clients | requests | requests/s | p50 / p95 / p99 / max (ms) | tool CPU per request | "
                + "PostgreSQL CPU per request | errors | target (p95) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        boolean pass = true;
        int errors = 0;
        StringBuilder json = new StringBuilder("{\"label\": \"" + options.label + "\", \"phases\": [");
        for (Phase p : phases) {
            double target = p.page.equals("caseload") ? CASELOAD_P95_MS : p.page.startsWith("sampling") ? SAMPLING_P95_MS
                    : OVERVIEW_P95_MS;
            boolean met = p.errors == 0 && p.percentile(0.95) <= target;
            pass &= met;
            errors += p.errors;
            System.out.printf(Locale.ROOT, "| %s | %d | %,d | %.0f | %.1f / %.1f / %.1f / %.1f | %.2f ms | %.2f ms | %d | ≤ %.0f ms: %s |%n",
                    p.page, p.clients, p.requests, p.perSecond(), p.percentile(0.5), p.percentile(0.95), p.percentile(0.99),
                    p.percentile(1), p.cpuMs(p.toolTicks), p.cpuMs(p.dbTicks), p.errors, target, met ? "pass" : "FAIL");
            if (p.othersShare() > 0.1) {
                System.out.printf(Locale.ROOT, "  (%s at %d clients: other processes used %.0f %% of a core meanwhile; the machine was shared)%n",
                        p.page, p.clients, 100 * p.othersShare());
            }
            json.append(String.format(Locale.ROOT, "%n {\"page\": \"%s\", \"clients\": %d, \"requests\": %d, \"errors\": %d, "
                            + "\"perSecond\": %.1f, \"p50\": %.2f, \"p95\": %.2f, \"p99\": %.2f, \"max\": %.2f, \"toolCpuMs\": %.3f, "
                            + "\"dbCpuMs\": %.3f, \"otherProcessesCpuShare\": %.3f, \"pass\": %s},", p.page, p.clients, p.requests, p.errors,
                    p.perSecond(), p.percentile(0.5), p.percentile(0.95), p.percentile(0.99), p.percentile(1), p.cpuMs(p.toolTicks),
                    p.cpuMs(p.dbTicks), p.othersShare(), met));
        }
        errorSamples.forEach(e -> System.out.println("  error: " + e));
        System.out.printf(Locale.ROOT, "targets (caseload p95 <= %.0f ms, learner overview p95 <= %.0f ms, sampling plan and matrix "
                + "p95 <= %.0f ms, no errors): %s%n", CASELOAD_P95_MS, OVERVIEW_P95_MS, SAMPLING_P95_MS, pass ? "PASS" : "FAIL");
        if (options.json != null) {
            json.setLength(json.length() - 1);
            json.append("\n], \"pass\": ").append(pass).append("}\n");
            Files.writeString(options.json, json.toString().replace("NaN", "null"));
        }
        return errors == 0 ? 0 : 1;
    }

    private void printSizes(Connection db) throws SQLException {
        System.out.println("data set in the database:");
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT c.relname, c.reltuples::bigint AS estimated_rows, pg_table_size(c.oid) AS heap, pg_indexes_size(c.oid) AS indexes
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname IN ('learner_unit', 'evidence', 'evidence_file',
                    'evidence_mapping', 'assessment_decision', 'unit_signature', 'unit_binding', 'assessor_status', 'deployment')
                ORDER BY pg_total_relation_size(c.oid) DESC""")) {
            while (rs.next()) {
                System.out.printf(Locale.ROOT, "  %-20s %,13d rows  table %,8d MB  indexes %,8d MB%n", rs.getString(1), rs.getLong(2),
                        rs.getLong(3) >> 20, rs.getLong(4) >> 20);
            }
        }
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            System.out.printf(Locale.ROOT, "  database total: %,d MB%n", rs.getLong(1) >> 20);
        }
    }

    private void waitForTool() throws Exception {
        BenchProcess.awaitTool(options.base(), Duration.ofSeconds(900)); // a first start may migrate a large database
    }

    private int port() {
        return options.tool.getPort() == -1 ? 80 : options.tool.getPort();
    }

    private synchronized void sample(String error) {
        if (errorSamples.size() < 5) {
            errorSamples.add(error);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
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

    private static String excerpt(String body) {
        String b = body == null ? "" : body.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
        return b.length() > 300 ? b.substring(0, 300) + "..." : b;
    }
}
