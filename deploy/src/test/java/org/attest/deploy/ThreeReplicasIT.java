package org.attest.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.attest.bench.launch.Learners;
import org.attest.bench.launch.PlayedPlatform;
import org.attest.bench.scale.Replicas;
import org.attest.bench.scores.Outbox;
import org.attest.bench.scores.PlayedGradebook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Attest scaled out (issue 15): three replicas of the tool's jar on one PostgreSQL schema behind HAProxy on loopback,
 * round-robin, no stickiness ({@link Replicas}). A Moodle-shaped platform played by the load generator registers
 * through the load balancer; then a launch is begun on one replica, finished on another and its pages read on a third;
 * the balancer spreads one learner's requests over all three; a replica killed under load fails only the launches in
 * flight on it; and scores queued for an LMS are all delivered once when a replica stops (SIGTERM), and all delivered
 * when one crashes (SIGKILL), the crash re-sending only the scores that were on the wire from the dead replica.
 * Needs HAProxy (Debian's, .ci/run installs it), PostgreSQL on 127.0.0.1:5432 and the packaged tool.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeReplicasIT {

    static final Path ROOT = Path.of(System.getProperty("basedir", "."), "..").toAbsolutePath().normalize();
    static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/attest";
    static final int LB_PORT = 18300;
    static final Duration START = Duration.ofMinutes(4);
    /** Score settings for the test: a dead replica's claims pass on after 15 s, not the shipped 2 minutes. */
    static final List<String> FAST_HANDOVER = List.of("--attest.gradebook.delivery.claim-timeout=15s",
            "--attest.gradebook.delivery.poll-interval=500ms");

    static Replicas replicas;
    static PlayedPlatform platform;
    static Learners learners;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final AtomicInteger nextLearner = new AtomicInteger();

    @BeforeAll
    static void startThreeReplicasBehindHaproxy() throws Exception {
        Path jar = ROOT.resolve("lti-tool/target/lti-tool-0.1.0-SNAPSHOT.jar");
        String missing = !Files.isExecutable(Replicas.HAPROXY) ? "HAProxy (apt-get install haproxy)"
                : !Files.isRegularFile(jar) ? "the packaged tool at " + jar
                : !postgresqlUp() ? "PostgreSQL on 127.0.0.1:5432 (deploy/local-postgres.sh)" : null;
        Prerequisites.require(missing == null, "the three-replica test needs " + missing);
        Path work = ROOT.resolve("deploy/target/three-replicas");
        List<String> args = new ArrayList<>(Replicas.OPEN_FOR_LOAD);
        args.addAll(FAST_HANDOVER);
        replicas = Replicas.start(new Replicas.Settings(jar, 3, LB_PORT, null, null, args, work, JDBC, "attest", "attest"), START);
        platform = new PlayedPlatform(replicas.lbUrl(), PlayedPlatform.Identity.fresh());
        platform.register();
        learners = new Learners(platform, 40);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (replicas != null) {
            replicas.close();
        }
    }

    @Test
    @Order(1)
    void threeReplicasStartedAtOnceOnAnEmptyDatabaseMigrateItOnceAndShareOneToolKey() throws Exception {
        Set<String> jwks = new LinkedHashSet<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> keys = get(replicas.url(i), "/.well-known/jwks.json");
            assertThat(keys.statusCode()).isEqualTo(200);
            jwks.add(keys.body());
        }
        assertThat(jwks).as("every replica publishes the same key set").hasSize(1);
        try (Connection db = replicas.database(); Statement s = db.createStatement()) {
            assertThat(single(s, "SELECT COUNT(*) FROM tool_key WHERE owner = 'TOOL' AND status = 'CURRENT'"))
                    .as("current tool keys made by three replicas starting at once").isEqualTo(1);
            assertThat(single(s, "SELECT COUNT(*) FROM tool_key WHERE owner = 'TOOL' AND status = 'NEXT'")).isEqualTo(1);
            assertThat(single(s, "SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success")).isZero();
            assertThat(single(s, "SELECT COUNT(*) - COUNT(DISTINCT version) FROM flyway_schema_history WHERE version IS NOT NULL"))
                    .as("migrations applied twice").isZero();
        }
    }

    @Test
    @Order(2)
    void aLaunchBegunOnOneReplicaFinishesOnAnotherAndItsPagesOpenOnAThird() throws Exception {
        int learner = nextLearner.getAndIncrement();
        Login login = login(replicas.url(0), learner);
        HttpResponse<String> launch = post(replicas.url(1), "/lti/launch", platform.launchForm(login.state, login.nonce,
                learners.claims(learner)));
        assertThat(launch.statusCode()).as(launch.body()).isEqualTo(302);
        String session = path(launch.headers().firstValue("Location").orElseThrow());
        assertThat(session).contains("/s/");

        String page = landOn(replicas.url(2), session, learner);
        assertThat(page).as("the learner's portfolio, read on the third replica").contains("/portfolio/");
        assertThat(get(replicas.url(0), page).statusCode()).as("and again on the first").isEqualTo(200);

        HttpResponse<String> replay = post(replicas.url(2), "/lti/launch", platform.launchForm(login.state, login.nonce,
                learners.claims(learner)));
        assertThat(replay.statusCode()).as("a state used up on one replica is refused on another").isNotEqualTo(302);
    }

    @Test
    @Order(3)
    void theBalancerSpreadsOneLearnersLaunchOverEveryReplicaWithoutStickiness() throws Exception {
        Set<String> served = new LinkedHashSet<>();
        boolean threeInOne = false;
        for (int n = 0; n < 6; n++) {
            List<String> replicasOfLaunch = fullLaunch(replicas.lbUrl(), nextLearner.getAndIncrement());
            served.addAll(replicasOfLaunch);
            threeInOne |= Set.copyOf(replicasOfLaunch.subList(0, 3)).size() == 3;
        }
        assertThat(served).containsExactlyInAnyOrder("r1", "r2", "r3");
        assertThat(threeInOne).as("some launch had its login, launch and landing on three different replicas").isTrue();
    }

    @Test
    @Order(4)
    void aReplicaKilledUnderLoadFailsOnlyTheLaunchesInFlightOnIt() throws Exception {
        int workers = 6;
        Load load = Load.start(workers);
        load.awaitSucceeded(60, Duration.ofSeconds(60));
        for (int i = 0; i < 3; i++) {
            assertThat(replicas.metric(i, "attest_launches_total")).as("launches on " + Replicas.name(i)).isPositive();
        }
        replicas.kill(1, false);
        Instant gone = Instant.now(); // the process has exited: its sockets are closed
        int afterKill = load.succeeded.get();
        load.awaitSucceeded(afterKill + 120, Duration.ofSeconds(90));
        load.stop();
        System.out.printf("SIGKILL of r2 under load: %d full launches landed, %d failed (%s)%n", load.succeeded.get(),
                load.failures.size(), load.failures);
        assertThat(load.failures.size()).as("failed launches: at most one in flight per worker").isLessThanOrEqualTo(workers);
        assertThat(load.failures).as("no launch begun after the replica was gone fails")
                .allSatisfy(f -> assertThat(f.began()).isBefore(gone));
        replicas.restart(1, START);
        awaitServedBy("r2");
    }

    @Test
    @Order(5)
    void aReplicaStoppedUnderLoadFailsNoLaunch() throws Exception {
        Load load = Load.start(6);
        load.awaitSucceeded(60, Duration.ofSeconds(60));
        replicas.kill(2, true);
        int afterStop = load.succeeded.get();
        load.awaitSucceeded(afterStop + 120, Duration.ofSeconds(90));
        load.stop();
        System.out.printf("SIGTERM of r3 under load: %d full launches landed, %d failed (%s)%n", load.succeeded.get(),
                load.failures.size(), load.failures);
        assertThat(load.failures).as("a graceful stop finishes what it has and takes no more").isEmpty();
        replicas.restart(2, START);
        awaitServedBy("r3");
    }

    @Test
    @Order(6)
    void scoresAreAllDeliveredOnceWhenAReplicaStopsAndAllDeliveredWhenOneCrashes() throws Exception {
        try (PlayedGradebook lms = new PlayedGradebook(0, 20); Connection db = replicas.database()) {
            Outbox outbox = new Outbox(db, lms.base(), "Played gradebook (20 ms per score)");
            int scores = 3_000;
            outbox.queue("stopped-", scores, Instant.now());
            awaitPosts(lms, 500);
            replicas.kill(0, true);
            assertThat(outbox.awaitDelivered(scores, 120)).as("delivered after a graceful stop").isEqualTo(scores);
            assertThat(outbox.count("FAILED")).isZero();
            assertThat(lms.distinctScores()).isEqualTo(scores);
            assertThat(lms.sentTwice()).as("scores sent twice across a graceful stop").isZero();
            System.out.printf("SIGTERM of r1 while sending %d scores: all delivered, none twice%n", scores);
            replicas.restart(0, START);

            outbox.queue("crashed-", scores, Instant.now());
            awaitPosts(lms, scores + 500);
            replicas.kill(2, false);
            assertThat(outbox.awaitDelivered(2 * scores, 180)).as("delivered after a crash").isEqualTo(2 * scores);
            assertThat(outbox.count("FAILED")).isZero();
            assertThat(lms.distinctScores()).as("every score reached the LMS").isEqualTo(2 * scores);
            // A crashed replica cannot say which of the scores it had on the wire the LMS took: those (at most the 48 a
            // replica sends at once) go again, the same score with the same timestamp, which leaves the LMS's gradebook as
            // it was. Every score the LMS had answered before the crash was already recorded, so none of those go again.
            System.out.printf("SIGKILL of r3 while sending %d scores: all delivered, %d sent again after the crash%n", scores,
                    lms.sentTwice());
            assertThat(lms.sentTwice()).as("scores sent again after a crash: only those in flight on it").isLessThanOrEqualTo(48);
            replicas.restart(2, START);
        }
    }

    // --- one learner's launch, request by request ---

    record Login(String state, String nonce, String replica) {
    }

    record Failure(Instant began, String what) {
    }

    static Login login(String base, int learner) throws Exception {
        HttpResponse<String> r = post(base, "/lti/login", learners.loginForm(learner));
        String location = r.headers().firstValue("Location").orElse("");
        if (r.statusCode() != 302 || !location.startsWith(platform.issuer + "/mod/lti/auth.php?")) {
            throw new IllegalStateException("login: HTTP " + r.statusCode() + " " + location);
        }
        Map<String, String> q = query(location);
        return new Login(q.get("state"), q.get("nonce"), r.headers().firstValue("X-Attest-Replica").orElse("?"));
    }

    /** A full launch (login, launch, landing); returns which replica served each request, in order. */
    static List<String> fullLaunch(String base, int learner) throws Exception {
        List<String> served = new ArrayList<>();
        Login login = login(base, learner);
        served.add(login.replica);
        HttpResponse<String> launch = post(base, "/lti/launch", platform.launchForm(login.state, login.nonce, learners.claims(learner)));
        served.add(launch.headers().firstValue("X-Attest-Replica").orElse("?"));
        if (launch.statusCode() != 302) {
            throw new IllegalStateException("launch: HTTP " + launch.statusCode());
        }
        String path = path(launch.headers().firstValue("Location").orElseThrow());
        for (int hop = 0; hop < 5; hop++) {
            HttpResponse<String> r = get(base, path);
            served.add(r.headers().firstValue("X-Attest-Replica").orElse("?"));
            if (r.statusCode() == 200 && path.contains("/portfolio/") && r.body().contains(learners.name(learner))) {
                return served;
            }
            if (r.statusCode() / 100 != 3) {
                throw new IllegalStateException("landing on " + path + ": HTTP " + r.statusCode());
            }
            path = path(r.headers().firstValue("Location").orElseThrow());
        }
        throw new IllegalStateException("no page after 5 redirects");
    }

    /** Follows the tool's redirects from {@code path} on one replica to the learner's page; returns its path. */
    static String landOn(String base, String path, int learner) throws Exception {
        for (int hop = 0; hop < 5; hop++) {
            HttpResponse<String> r = get(base, path);
            if (r.statusCode() == 200) {
                assertThat(r.body()).contains(learners.name(learner));
                return path;
            }
            assertThat(r.statusCode() / 100).as("HTTP " + r.statusCode() + " on " + path).isEqualTo(3);
            path = path(r.headers().firstValue("Location").orElseThrow());
        }
        throw new AssertionError("no page after 5 redirects");
    }

    /** Full launches through the balancer by {@code workers} threads, until stopped; failures kept with when they began. */
    static final class Load {
        final AtomicInteger succeeded = new AtomicInteger();
        final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        final ExecutorService pool;

        private Load(int workers) {
            pool = Executors.newFixedThreadPool(workers);
            for (int w = 0; w < workers; w++) {
                pool.submit(() -> {
                    while (running.get()) {
                        Instant began = Instant.now();
                        try {
                            fullLaunch(replicas.lbUrl(), nextLearner.getAndIncrement());
                            succeeded.incrementAndGet();
                        } catch (Exception e) {
                            failures.add(new Failure(began, e.getMessage()));
                        }
                    }
                    return null;
                });
            }
        }

        static Load start(int workers) {
            return new Load(workers);
        }

        void awaitSucceeded(int n, Duration within) {
            await("full launches landed").atMost(within).pollInterval(Duration.ofMillis(50)).until(() -> succeeded.get() >= n);
        }

        void stop() throws InterruptedException {
            running.set(false);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    static void awaitServedBy(String replica) {
        await(replica + " back behind the balancer").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> get(replicas.lbUrl(), "/readyz").headers().firstValue("X-Attest-Replica").orElse("").equals(replica));
    }

    static void awaitPosts(PlayedGradebook lms, int n) {
        await("scores at the LMS").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> lms.scorePosts() >= n);
    }

    // --- HTTP ---

    static HttpResponse<String> get(String base, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String base, String path, byte[] form) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofByteArray(form))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The path (and query) of a Location: relative, or absolute on the balancer's origin. */
    static String path(String location) {
        if (location.startsWith("/")) {
            return location;
        }
        assertThat(location).startsWith(replicas.lbUrl() + "/");
        return location.substring(replicas.lbUrl().length());
    }

    static Map<String, String> query(String url) {
        Map<String, String> q = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static boolean postgresqlUp() {
        try (Connection ignored = java.sql.DriverManager.getConnection(JDBC, "attest", "attest")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
