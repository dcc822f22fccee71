package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.attest.tool.StatementLog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The SQL statements and the calls to the platform that the hot paths make, counted, never timed: a learner's launch
 * to their unit page, a tutor's launch to the caseload, the unit overview and the caseload (which must not grow with
 * its learners). A change that adds a statement or a call fails here until the budget below says so on purpose.
 */
@Import(StatementLog.Configuration.class)
class LaunchStatementBudgetTest extends PortfolioTestSupport {

    // The budgets: statements the tool executes while serving each flow, counted on a repeat launch (the person and
    // their portfolio exist; the platform's keys are cached). Update a number only when a change means to add or remove
    // a statement: the failure lists every statement seen, in order, with the request that made it. Lowering one after
    // a saving is welcome. lti's own statements (login_state, launch_session) are part of every budget here: a change to
    // them changes these numbers too.
    /** Login + launch (which redirects straight to the page) + the learner's unit page. */
    static final int LEARNER_LAUNCH = 8;
    /**
     * Login + launch (which redirects straight to the page) + the tutor's caseload of the unit, and the roster read the
     * launch starts; its caseload includes the records module's plans due and overdue (one statement, CaseloadNotes).
     */
    static final int TUTOR_LAUNCH = 9;
    /** The learner's unit overview, viewed again. */
    static final int UNIT_OVERVIEW = 7;
    /** The caseload of a course, the same for 3 learners and for 30 (with the plans due and overdue, one statement). */
    static final int CASELOAD = 5;
    /** Calls to the platform during any of these flows: keys are fetched once per rotation, a roster once per interval. */
    static final int PLATFORM_CALLS = 0;

    /**
     * Statements that lti's caches make on a timer rather than per request, so whether a flow makes them depends on how
     * long the test took: listed in a failure, never counted. PlatformRegistry re-reads a platform, and
     * ContentSecurityPolicy its frame ancestors, when older than PlatformRegistry.CACHE_TTL (2 s); LoginStates recounts a
     * platform's logins in progress after a second; a session's last_seen_at is touched at most once a minute.
     */
    static final List<String> ON_A_TIMER = List.of("FROM platform p LEFT JOIN deployment",
            "SELECT platform_id, origin FROM platform_service_origin", "SELECT COUNT(*) FROM login_state WHERE platform_id",
            "UPDATE launch_session SET last_seen_at");

    static final Person LEARNER_SAM = new Person("budget-sam", "Sam Student", LEARNER);
    static final Person TUTOR_TOM = new Person("budget-tom", "Tom Tutor", INSTRUCTOR);

    @Autowired
    StatementLog statements;

    @Test
    void learnersLaunchToTheirUnitPageStaysWithinItsStatements() throws Exception {
        String course = "budget-" + UUID.randomUUID();
        openUnitPage(launch(platform, LEARNER_SAM, course, "activity-" + course));
        startCounting();

        openUnitPage(launch(platform, LEARNER_SAM, course, "activity-" + course));

        assertWithinBudget("a learner's launch to their unit page", LEARNER_LAUNCH);
    }

    @Test
    void tutorsLaunchToTheCaseloadStaysWithinItsStatements() throws Exception {
        String course = "budget-" + UUID.randomUUID();
        withLearnersAndEvidence(course, 2);
        openCaseload(launch(platform, TUTOR_TOM, course, "activity-" + course));
        startCounting();

        openCaseload(launch(platform, TUTOR_TOM, course, "activity-" + course));

        assertWithinBudget("a tutor's launch to the caseload", TUTOR_LAUNCH);
    }

    @Test
    void unitOverviewStaysWithinItsStatements() throws Exception {
        String course = "budget-" + UUID.randomUUID();
        Launched sam = launch(platform, LEARNER_SAM, course, "activity-" + course);
        addEvidence(sam, "Observation: account reset", 1);
        addEvidence(sam, "Witness testimony: late delivery", 2);
        openUnitPage(sam);
        startCounting();

        openUnitPage(sam);

        assertWithinBudget("the learner's unit overview", UNIT_OVERVIEW);
    }

    @Test
    void caseloadStatementsDoNotGrowWithItsLearners() throws Exception {
        List<StatementLog.Executed> few = caseloadStatements(3);
        List<StatementLog.Executed> many = caseloadStatements(30);

        assertThat(many.stream().filter(e -> !onATimer(e)).map(StatementLog.Executed::sql).toList())
                .as("the caseload of 30 learners made other statements than that of 3:\n%s\nversus\n%s", listed(many), listed(few))
                .isEqualTo(few.stream().filter(e -> !onATimer(e)).map(StatementLog.Executed::sql).toList());
        assertWithinBudget("the caseload of a course", CASELOAD, many);
    }

    private List<StatementLog.Executed> caseloadStatements(int learners) throws Exception {
        String course = "budget-" + UUID.randomUUID();
        withLearnersAndEvidence(course, learners);
        Launched tom = launch(platform, TUTOR_TOM, course, "activity-" + course);
        openCaseload(tom);
        startCounting();
        HttpResponse<String> page = get(tom.base() + "/caseload?unit=224");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).as("the last learner is listed").contains("Learner " + (learners - 1));
        return statements.executed();
    }

    private void withLearnersAndEvidence(String course, int learners) throws Exception {
        for (int i = 0; i < learners; i++) {
            Launched learner = launch(platform, new Person("budget-learner-" + i + "-" + course, "Learner " + i, LEARNER), course,
                    "activity-" + course);
            if (i % 2 == 0) {
                addEvidence(learner, "Observation " + i, 1);
            }
        }
    }

    private void addEvidence(Launched learner, String title, int daysAgo) throws Exception {
        UUID learnerUnit = idAfter(learner.landing(), "portfolio");
        location(multipart(learner.base() + "/portfolio/" + learnerUnit + "/evidence",
                evidenceFields(title, LocalDate.now().minusDays(daysAgo).toString(), "Customer " + daysAgo, "OBSERVATION"),
                List.of()));
    }

    private void openUnitPage(Launched learner) throws Exception {
        assertThat(learner.landing()).contains("/portfolio/");
        assertThat(get(learner.landing()).statusCode()).isEqualTo(200);
    }

    private void openCaseload(Launched tutor) throws Exception {
        assertThat(tutor.landing()).contains("/caseload");
        assertThat(get(tutor.landing()).statusCode()).isEqualTo(200);
    }

    /**
     * Forgets the statements and platform calls of setting the scene, once the roster reads that its tutor launches
     * started in the background have ended: the caseload waits for its course's read only so long, and a read still
     * running on a busy machine would otherwise be counted against the measured flow.
     */
    private void startCounting() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM course_roster_sync WHERE last_error IS NULL AND (refreshed_at IS NULL OR refreshed_at < attempted_at)")
                .query(Long.class).single() == 0);
        statements.clear();
        platform.server.resetRequests();
    }

    private void assertWithinBudget(String flow, int budget) {
        assertWithinBudget(flow, budget, statements.executed());
    }

    private void assertWithinBudget(String flow, int budget, List<StatementLog.Executed> executed) {
        List<StatementLog.Executed> seen = executed.stream().filter(e -> !onATimer(e)).toList();
        List<String> calls = platform.server.getAllServeEvents().stream()
                .map(ServeEvent::getRequest).map(r -> r.getMethod() + " " + r.getUrl()).toList();
        List<String> problems = new ArrayList<>();
        if (seen.size() != budget) {
            problems.add(flow + " made " + seen.size() + " SQL statements where its budget is " + budget
                    + " (LaunchStatementBudgetTest's constants: update the number if the change means it). In order:\n"
                    + listed(executed));
        }
        if (calls.size() != PLATFORM_CALLS) {
            problems.add(flow + " called the platform " + calls.size() + " times where its budget is " + PLATFORM_CALLS + ":\n"
                    + calls.stream().map(c -> "  " + c).collect(Collectors.joining("\n")));
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    private static boolean onATimer(StatementLog.Executed executed) {
        String sql = executed.sql().replaceAll("\\s+", " ");
        return ON_A_TIMER.stream().anyMatch(sql::contains);
    }

    /** Every statement, numbered in the order executed; those on a timer marked and not numbered. */
    private static String listed(List<StatementLog.Executed> executed) {
        List<String> lines = new ArrayList<>();
        int counted = 0;
        for (StatementLog.Executed e : executed) {
            lines.add(onATimer(e) ? "   -  " + e + "   (on a timer: not counted)" : String.format("  %2d. %s", ++counted, e));
        }
        return String.join("\n", lines);
    }
}
