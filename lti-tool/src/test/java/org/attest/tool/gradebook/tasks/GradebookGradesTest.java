package org.attest.tool.gradebook.tasks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.Criterion;
import org.attest.standards.Unit;
import org.attest.tool.IntegrationTest;
import org.attest.tool.gradebook.lms.AgsClient;
import org.attest.tool.gradebook.lms.LinkServices;
import org.attest.tool.gradebook.lms.NrpsClient;
import org.attest.tool.gradebook.lms.ServicePlatform;
import org.attest.tool.gradebook.rosters.CourseRosters;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformRegistry;
import org.attest.tool.portfolio.AssessmentDecision;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.LearnerUnits;
import org.attest.tool.portfolio.PortfolioRefused;
import org.attest.tool.portfolio.internal.Assessment;
import org.attest.tool.portfolio.internal.AssessmentQueues;
import org.attest.tool.portfolio.internal.Assessors;
import org.attest.tool.portfolio.internal.CompletionReport;
import org.attest.tool.portfolio.internal.Evidence;
import org.attest.tool.portfolio.internal.EvidenceInput;
import org.attest.tool.portfolio.internal.EvidenceRecords;
import org.attest.tool.portfolio.internal.MappingStatus;
import org.attest.tool.portfolio.internal.Outcome;
import org.attest.tool.portfolio.internal.PortfolioView;
import org.attest.tool.standards.FrameworkCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * LMS grades to criteria against an LMS played by WireMock with Moodle 5.0's captured results
 * (../shared/lms/moodle-5.0/ags-nrps-responses.json) and Canvas-shaped ones: an assessment task set
 * by a tutor for two criteria of Unit 224, its activity launched, its grades pulled.
 */
@TestPropertySource(properties = "attest.gradebook.grade-pull-interval=0")
class GradebookGradesTest extends IntegrationTest {

    private static final String LINE_ITEMS = "/moodle/mod/lti/services.php/2/lineitems?type_id=1";
    private static final String LINE_ITEM = "/moodle/mod/lti/services.php/2/lineitems/2/lineitem?type_id=1";
    private static final String RESULTS = "/moodle/mod/lti/services.php/2/lineitems/2/lineitem/results?type_id=1";
    private static final String MEMBERSHIPS = "/moodle/mod/lti/services.php/CourseSection/2/bindings/1/memberships";
    private static final String CANVAS_LINE_ITEM = "/api/lti/courses/7/line_items/12";
    private static final String RESULT_CONTAINER = "application/vnd.ims.lis.v2.resultcontainer+json";

    @Autowired
    PlatformRegistry registry;
    @Autowired
    AssessmentTasks tasks;
    @Autowired
    GradebookGrades grades;
    @Autowired
    LinkServices links;
    @Autowired
    TaskPulls pulls;
    @Autowired
    GradePullSchedule schedule;
    @Autowired
    LearnerUnits learnerUnits;
    @Autowired
    Assessment assessment;
    @Autowired
    AssessmentQueues queues;
    @Autowired
    Assessors assessors;
    @Autowired
    EvidenceRecords evidenceRecords;
    @Autowired
    FrameworkCatalog catalog;
    @Autowired
    JdbcClient jdbc;

    private final ServicePlatform lms = new ServicePlatform();
    @Autowired
    CourseRosters rosters;

    private Platform platform;
    private String course;
    private LtiPrincipal tutor;
    private AssessmentTask task;
    private Unit unit;
    private List<String> criteria;

    @BeforeEach
    void setTaskAndLaunchItsActivity() {
        platform = registry.register(new PlatformRegistry.Registration(lms.url("/moodle"), "client-" + UUID.randomUUID(),
                "Test Moodle", lms.url("/moodle/mod/lti/auth.php"), lms.url(ServicePlatform.TOKEN_PATH),
                lms.url("/moodle/mod/lti/certs.php"), "moodle", Platform.RegisteredBy.MANUAL, List.of("1")));
        lms.issuesTokens("tok-1");
        lms.server.stubFor(get(urlPathEqualTo(MEMBERSHIPS)).willReturn(aResponse()
                .withHeader("Content-Type", NrpsClient.MEMBERSHIP_CONTAINER).withBody(moodle("GET memberships", 0))));
        course = "course-" + UUID.randomUUID();
        FrameworkCatalog.PlaceableUnit placeable = catalog.units(null).stream().filter(p -> p.unit().code().equals("224"))
                .findFirst().orElseThrow();
        unit = placeable.unit();
        criteria = unit.criteria().limit(2).map(Criterion::code).toList();
        tutor = person("3", "Tina Teacher", AttestRole.ASSESSOR, null, Map.of(), LINE_ITEM);
        task = tasks.create(tutor, new AssessmentTasks.TaskInput(placeable.framework().id().toString(), "224", criteria,
                "Assignment 1: online services", "100", "50"));
        LtiPrincipal launch = person("3", "Tina Teacher", AttestRole.ASSESSOR, "task-link-" + UUID.randomUUID(),
                Map.of(AssessmentTasks.CUSTOM_TASK, task.id().toString()), LINE_ITEM);
        links.remember(launch);
        task = tasks.forLaunch(launch).orElseThrow();
        // Binding makes the task due at once; keep the background schedule away, so each test pulls when it means to.
        jdbc.sql("UPDATE assessment_task SET next_pull_at = ? WHERE id = ?")
                .params(Timestamp.from(Instant.parse("9999-01-01T00:00:00Z")), task.id()).update();
    }

    @AfterEach
    void stop() {
        lms.close();
    }

    @Test
    void moodleGradeAtThePassMarkOrAboveBecomesMetDecisionsFromTheGradebook() {
        lmsShowsResults(moodle("GET results", 1)); // user 5, 85 out of 100

        GradebookGrades.PullReport report = grades.pullNow(tutor, task.id());

        assertThat(report.problem()).isNull();
        assertThat(report.results()).isEqualTo(1);
        PortfolioView view = portfolioOf("5");
        assertThat(view.learnerUnit().learnerName()).as("named from the course roster").isEqualTo("Sara Scholar");
        for (String code : criteria) {
            AssessmentDecision decision = decisionOn(view, code);
            assertThat(decision.outcome()).isEqualTo(Outcome.MET);
            assertThat(decision.source()).isEqualTo(AssessmentDecision.Source.GRADEBOOK);
            assertThat(decision.assessorName()).isEqualTo("Tina Teacher");
            assertThat(decision.countersignatureNeeded()).isFalse();
            assertThat(decision.feedback()).contains("Assignment 1: online services", "85/100", "pass mark 50/100");
            assertThat(stateOf(view, code)).isEqualTo(CompletionReport.CriterionState.MET);
        }
        Evidence evidence = view.evidence().stream().filter(Evidence::fromGradebook).findFirst().orElseThrow();
        assertThat(evidence.title()).isEqualTo("Passed in the LMS gradebook: Assignment 1: online services (85/100)");
        assertThat(evidence.mappings()).extracting(Evidence.Mapping::code).containsExactlyElementsOf(criteria);
        assertThat(evidence.mappings()).allMatch(m -> m.status() == MappingStatus.CONFIRMED);
        assertThat(view.report().criteriaMet()).isEqualTo(2);
        assertThat(grades.grades(task)).singleElement().satisfies(g -> {
            assertThat(g.passed()).isTrue();
            assertThat(g.applied()).isTrue();
            assertThat(g.scoreText()).isEqualTo("85/100");
        });
        assertThat(tasks.find(task.id()).orElseThrow().lastPullAt()).isNotNull();
    }

    @Test
    void learnersAreNamedFromTheStoredRosterWithoutReadingTheLmsRosterAgain() {
        rosters.refresh(new Course(platform.id(), "1", course));
        lms.server.resetRequests();
        lmsShowsResults(moodle("GET results", 1)); // user 5, 85 out of 100

        grades.pullNow(tutor, task.id());

        assertThat(portfolioOf("5").learnerUnit().learnerName()).as("named from the stored roster").isEqualTo("Sara Scholar");
        assertThat(lms.server.findAll(getRequestedFor(urlPathEqualTo(MEMBERSHIPS)))).as("roster reads from the LMS").isEmpty();
    }

    @Test
    void pullGradesNowWaitsForAPullAnotherReplicaIsRunning() {
        lmsShowsResults(moodle("GET results", 1));
        jdbc.sql("UPDATE assessment_task SET claimed_by = 'replica-elsewhere', claimed_until = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(java.time.Instant.now().plusSeconds(1)), task.id()).update();

        GradebookGrades.PullReport report = grades.pullNow(tutor, task.id());

        assertThat(report.results()).isPositive();
        assertThat(jdbc.sql("SELECT claimed_by FROM assessment_task WHERE id = ?").param(task.id()).query(String.class)
                .optional()).as("released after the pull").isEmpty();
    }

    @Test
    void theSameGradesAgainChangeNothing() {
        lmsShowsResults(moodle("GET results", 1));
        grades.pullNow(tutor, task.id());
        String before = portfolioState();

        GradebookGrades.PullReport again = grades.pullNow(tutor, task.id());

        assertThat(again.changed()).isZero();
        assertThat(portfolioState()).isEqualTo(before);
    }

    @Test
    void aGradeThatStillPassesLeavesTheRecordedPassAsItIs() {
        lmsShowsResults(moodle("GET results", 1));
        grades.pullNow(tutor, task.id());
        String before = portfolioState();
        lmsShowsResults(moodle("GET results", 1).replace("\"resultScore\":85", "\"resultScore\":90")
                .replace("2026-11-24T02:08:03", "2026-11-25T09:00:00"));

        GradebookGrades.PullReport report = grades.pullNow(tutor, task.id());

        assertThat(report.changed()).isEqualTo(1);
        assertThat(portfolioState()).isEqualTo(before);
        assertThat(grades.grades(task)).singleElement().satisfies(g -> assertThat(g.scoreText()).isEqualTo("90/100"));
    }

    @Test
    void aGradeLoweredBelowThePassMarkWithdrawsTheTasksDecisions() {
        lmsShowsResults(moodle("GET results", 1));
        grades.pullNow(tutor, task.id());
        lmsShowsResults(moodle("GET results", 1).replace("\"resultScore\":85", "\"resultScore\":30")
                .replace("2026-11-24T02:08:03", "2026-11-25T09:00:00"));

        grades.pullNow(tutor, task.id());

        PortfolioView view = portfolioOf("5");
        for (String code : criteria) {
            AssessmentDecision decision = decisionOn(view, code);
            assertThat(decision.outcome()).isEqualTo(Outcome.NOT_YET);
            assertThat(decision.source()).isEqualTo(AssessmentDecision.Source.GRADEBOOK);
            assertThat(decision.feedback()).contains("30/100", "below the pass mark 50/100");
        }
        assertThat(view.report().criteriaMet()).isZero();
        Evidence evidence = view.evidence().stream().filter(Evidence::fromGradebook).findFirst().orElseThrow();
        assertThat(evidence.version()).isEqualTo(2);
        assertThat(evidence.title()).startsWith("Below the pass mark in the LMS gradebook");
        assertThat(evidence.mappings()).allMatch(m -> m.status() == MappingStatus.REJECTED);
        assertThat(grades.grades(task)).singleElement().satisfies(g -> {
            assertThat(g.passed()).isFalse();
            assertThat(g.applied()).isFalse();
        });
    }

    @Test
    void aRemovedGradeWithdrawsAndAPassLaterMeetsTheCriteriaAgain() {
        lmsShowsResults(moodle("GET results", 1));
        grades.pullNow(tutor, task.id());
        lmsShowsResults("[]");

        grades.pullNow(tutor, task.id());

        assertThat(decisionOn(portfolioOf("5"), criteria.get(0)).outcome()).isEqualTo(Outcome.NOT_YET);
        assertThat(portfolioOf("5").evidence().stream().filter(Evidence::fromGradebook).findFirst().orElseThrow().title())
                .startsWith("Grade removed in the LMS gradebook");

        lmsShowsResults(moodle("GET results", 1).replace("2026-11-24T02:08:03", "2026-11-26T09:00:00"));
        grades.pullNow(tutor, task.id());

        assertThat(decisionOn(portfolioOf("5"), criteria.get(0)).outcome()).isEqualTo(Outcome.MET);
        assertThat(portfolioOf("5").report().criteriaMet()).isEqualTo(2);
    }

    @Test
    void aCurrentAssessorDecisionIsNeverChangedByTheGradebook() {
        lmsShowsResults(moodle("GET results", 1));
        grades.pullNow(tutor, task.id());
        PortfolioView view = portfolioOf("5");
        Evidence evidence = view.evidence().stream().filter(Evidence::fromGradebook).findFirst().orElseThrow();
        Criterion first = criterion(criteria.get(0));
        LtiPrincipal assessor = person("7", "Alex Assessor", AttestRole.ASSESSOR, null, Map.of(), null);
        assessment.review(assessor, evidence.id(), Map.of(),
                Map.of(first.id(), new Assessment.DecisionInput(Outcome.NOT_YET, "Talk me through the account reset again")));

        lmsShowsResults(moodle("GET results", 1).replace("\"resultScore\":85", "\"resultScore\":20")
                .replace("2026-11-24T02:08:03", "2026-11-25T09:00:00"));
        grades.pullNow(tutor, task.id());
        lmsShowsResults(moodle("GET results", 1).replace("2026-11-24T02:08:03", "2026-11-26T09:00:00"));
        grades.pullNow(tutor, task.id());

        view = portfolioOf("5");
        AssessmentDecision kept = decisionOn(view, first.code());
        assertThat(kept.source()).isEqualTo(AssessmentDecision.Source.ASSESSOR);
        assertThat(kept.outcome()).isEqualTo(Outcome.NOT_YET);
        assertThat(kept.assessorName()).isEqualTo("Alex Assessor");
        assertThat(decisionOn(view, criteria.get(1)).outcome()).isEqualTo(Outcome.MET);
        assertThat(grades.grades(task)).singleElement()
                .satisfies(g -> assertThat(g.note()).contains("kept the assessor's decision on " + first.code()));
    }

    @Test
    void anUnqualifiedTutorsTaskMeetsCriteriaOnlyOnceCountersigned() {
        assessors.flag(platform.id(), tutor.subject(), tutor.name(), false, "test");
        lmsShowsResults(moodle("GET results", 1));

        grades.pullNow(tutor, task.id());

        PortfolioView view = portfolioOf("5");
        assertThat(decisionOn(view, criteria.get(0)).awaitingCountersignature()).isTrue();
        assertThat(stateOf(view, criteria.get(0))).isEqualTo(CompletionReport.CriterionState.AWAITING_COUNTERSIGNATURE);
        assertThat(view.report().criteriaMet()).isZero();
        LtiPrincipal qualified = person("7", "Alex Assessor", AttestRole.ASSESSOR, null, Map.of(), null);
        assertThat(queues.countersignQueue(qualified)).hasSize(2)
                .allSatisfy(p -> assertThat(p.assessorName()).isEqualTo("Tina Teacher"));
    }

    @Test
    void aSignedOffUnitIsNotChangedByALoweredGrade() {
        lmsShowsResults(moodle("GET results", 1));
        grades.pullNow(tutor, task.id());
        UUID learnerUnit = portfolioOf("5").learnerUnit().id();
        jdbc.sql("""
                INSERT INTO unit_signature (id, learner_unit_id, kind, signer_subject, signer_name, typed_name, statement,
                    needs_countersignature, signed_at) VALUES (?, ?, 'SIGN_OFF', '7', 'Alex Assessor', 'Alex Assessor', 'signed', FALSE, ?)""")
                .params(UUID.randomUUID(), learnerUnit, Timestamp.from(Instant.now())).update();
        String before = portfolioState();
        lmsShowsResults(moodle("GET results", 1).replace("\"resultScore\":85", "\"resultScore\":30")
                .replace("2026-11-24T02:08:03", "2026-11-25T09:00:00"));

        grades.pullNow(tutor, task.id());

        assertThat(portfolioState()).isEqualTo(before);
        assertThat(grades.grades(task)).singleElement().satisfies(g -> assertThat(g.note()).contains("signed off"));
    }

    @Test
    void aGradeOnAColumnWithAnotherMaximumPassesByItsFraction() {
        lmsShowsResults(moodle("GET results", 0).replace("lineitems/3", "lineitems/2")); // user 4, 7 out of 10

        grades.pullNow(tutor, task.id());

        assertThat(decisionOn(portfolioOf("4"), criteria.get(0)).outcome()).as("7/10 reaches 50/100").isEqualTo(Outcome.MET);
    }

    @Test
    void aGradeBelowThePassMarkStartsNoPortfolio() {
        jdbc.sql("UPDATE assessment_task SET pass_mark = 80 WHERE id = ?").param(task.id()).update();
        lmsShowsResults(moodle("GET results", 0).replace("lineitems/3", "lineitems/2")); // user 4, 7 out of 10

        grades.pullNow(tutor, task.id());

        assertThat(grades.grades(task)).singleElement().satisfies(g -> {
            assertThat(g.passed()).as("7/10 is below 80/100").isFalse();
            assertThat(g.note()).isEqualTo("below the pass mark 80/100");
        });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM learner_unit WHERE context_id = ?").param(course).query(Integer.class).single())
                .isZero();
    }

    @Test
    void canvasResultsWithoutTimestampsMeetTheCriteria() {
        LtiPrincipal canvasLaunch = person("3", "Tina Teacher", AttestRole.ASSESSOR, task.resourceLinkId(), Map.of(), CANVAS_LINE_ITEM);
        links.remember(canvasLaunch);
        lms.server.stubFor(get(urlEqualTo(CANVAS_LINE_ITEM + "/results")).willReturn(aResponse()
                .withHeader("Content-Type", RESULT_CONTAINER).withBody("""
                        [{"id": "%1$s/results/4", "scoreOf": "%1$s", "userId": "535fa085f22b4655f48cd5a36a9215f64c062838",
                          "resultScore": 78.0, "resultMaximum": 100.0, "comment": null}]""".formatted(lms.url(CANVAS_LINE_ITEM)))));

        grades.pullNow(tutor, task.id());

        PortfolioView view = portfolioOf("535fa085f22b4655f48cd5a36a9215f64c062838");
        assertThat(view.learnerUnit().learnerName()).as("not on the roster").isEqualTo("user 535fa085f22b4655f48cd5a36a9215f64c062838");
        assertThat(decisionOn(view, criteria.get(1)).outcome()).isEqualTo(Outcome.MET);
        assertThat(grades.pullNow(tutor, task.id()).changed()).isZero();
    }

    @Test
    void aPlatformErrorIsKeptOnTheTaskUntilAPullSucceeds() {
        lms.server.stubFor(get(urlEqualTo(RESULTS)).willReturn(aResponse().withStatus(500).withBody("Moodle is down")));

        GradebookGrades.PullReport report = grades.pullNow(tutor, task.id());

        assertThat(report.problem()).contains("HTTP 500", "it will be tried again");
        AssessmentTask failed = tasks.find(task.id()).orElseThrow();
        assertThat(failed.lastError()).contains("reading results", "HTTP 500");
        assertThat(failed.lastErrorAt()).isNotNull();
        assertThat(failed.lastPullAt()).isNull();

        lmsShowsResults(moodle("GET results", 1));
        grades.pullNow(tutor, task.id());

        assertThat(tasks.find(task.id()).orElseThrow().lastError()).isNull();
    }

    @Test
    void theLineItemIsFoundThroughTheLineItemsServiceWhenTheLaunchNamesNone() {
        jdbc.sql("UPDATE lti_link_service SET line_item_url = NULL WHERE platform_id = ? AND resource_link_id = ?")
                .params(platform.id(), task.resourceLinkId()).update();
        lms.server.stubFor(get(urlPathEqualTo("/moodle/mod/lti/services.php/2/lineitems")).willReturn(aResponse()
                .withHeader("Content-Type", AgsClient.LINE_ITEM_CONTAINER).withBody("""
                        [{"id": "%s", "label": "Assignment 1: online services", "scoreMaximum": 100, "resourceId": "%s",
                          "tag": "attest-task"}]""".formatted(lms.url(LINE_ITEM), task.resourceId()))));
        lmsShowsResults(moodle("GET results", 1));

        grades.pullNow(tutor, task.id());

        assertThat(decisionOn(portfolioOf("5"), criteria.get(0)).outcome()).isEqualTo(Outcome.MET);
        assertThat(links.find(platform.id(), task.resourceLinkId()).orElseThrow().lineItemUrl()).isEqualTo(lms.url(LINE_ITEM));
    }

    @Test
    void aScheduledRoundPullsDueTasksAndOneReplicaHoldsATaskAtATime() throws Exception {
        lmsShowsResults(moodle("GET results", 1));
        assertThat(pulls.claim(task.id())).isTrue();
        assertThat(pulls.claim(task.id())).as("a second claim while the first holds").isFalse();
        pulls.finished(task.id(), null, java.time.Duration.ZERO);
        assertThat(pulls.due(1000)).as("interval 0: not due until a launch makes it so").doesNotContain(task.id());

        schedule.on(new org.attest.tool.lti.LaunchAccepted(person("3", "Tina Teacher", AttestRole.ASSESSOR, "another-activity",
                Map.of(), null)));
        assertThat(pulls.due(1000)).as("a tutor launched into the course").contains(task.id());
        schedule.pullDue();

        // the application's own schedule may have claimed it first: either way the round ends with the grade applied
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                jdbc.sql("SELECT COUNT(*) FROM learner_unit WHERE context_id = ?").param(course).query(Integer.class).single() > 0);
        assertThat(decisionOn(portfolioOf("5"), criteria.get(0)).outcome()).isEqualTo(Outcome.MET);
        assertThat(pulls.due(1000)).doesNotContain(task.id());
    }

    @Test
    void theLearnerCannotEditOrMapEvidenceFromTheGradebook() {
        lmsShowsResults(moodle("GET results", 1));
        grades.pullNow(tutor, task.id());
        Evidence evidence = portfolioOf("5").evidence().stream().filter(Evidence::fromGradebook).findFirst().orElseThrow();
        LtiPrincipal learner = person("5", "Sara Scholar", AttestRole.LEARNER, task.resourceLinkId(), Map.of(), null);

        assertThatThrownBy(() -> evidenceRecords.map(learner, evidence.id(), Set.of()))
                .isInstanceOf(PortfolioRefused.class).hasMessageContaining("records a grade from the LMS gradebook");
        assertThatThrownBy(() -> evidenceRecords.edit(learner, evidence.id(), new EvidenceInput("Mine now", null,
                java.time.LocalDate.now(), Set.of(org.attest.standards.AssessmentMethod.OBSERVATION), null, null, false, null, null),
                List.of())).isInstanceOf(PortfolioRefused.class).hasMessageContaining("cannot be edited or mapped by hand");
    }

    @Test
    void taskInputIsCheckedWithEveryProblemNamed() {
        String framework = task.frameworkId().toString();

        assertThatThrownBy(() -> tasks.create(tutor, new AssessmentTasks.TaskInput(framework, "224", List.of("224.9.9"), " ",
                "ten", "0")))
                .isInstanceOf(PortfolioRefused.class)
                .hasMessageContaining("give the task a title")
                .hasMessageContaining("224.9.9 is not a criterion of Unit 224")
                .hasMessageContaining("the maximum score must be a number above 0 and at most 1000, was 'ten'")
                .hasMessageContaining("the pass mark must be a number above 0, was '0'");
        assertThatThrownBy(() -> tasks.create(tutor, new AssessmentTasks.TaskInput(framework, "224", List.of(), "Quiz", "20", "25")))
                .hasMessageContaining("tick the criteria a pass on this task meets")
                .hasMessageContaining("the pass mark 25 is above the maximum score 20");
        assertThatThrownBy(() -> tasks.create(tutor, new AssessmentTasks.TaskInput(framework, "999", criteria, "Quiz", "", "")))
                .hasMessageContaining("unit 999 is not in Attest's frameworks");
    }

    @Test
    void anActivityCopiedToAnotherCourseGetsATaskOfItsOwn() {
        LtiPrincipal copied = new LtiPrincipal(platform.id(), platform.issuer(), platform.clientId(), "1",
                LtiPrincipal.RESOURCE_LINK_REQUEST, "3", "Tina Teacher", null, List.of(), Set.of(AttestRole.ASSESSOR),
                "next-year-" + UUID.randomUUID(), "LAB", "Lab", "copied-link-" + UUID.randomUUID(),
                "Assignment 1", Map.of(AssessmentTasks.CUSTOM_TASK, task.id().toString()), null, null, null, null, "en", Instant.now());

        AssessmentTask copy = tasks.forLaunch(copied).orElseThrow();

        assertThat(copy.id()).isNotEqualTo(task.id());
        assertThat(copy.course().contextId()).isEqualTo(copied.contextId());
        assertThat(copy.criteria()).isEqualTo(task.criteria());
        assertThat(tasks.forLaunch(copied)).contains(copy);
        assertThat(tasks.forLaunch(person("3", "Tina Teacher", AttestRole.ASSESSOR, task.resourceLinkId(), Map.of(), null)))
                .contains(task);
    }

    private void lmsShowsResults(String body) {
        lms.server.stubFor(get(urlEqualTo(RESULTS)).willReturn(aResponse().withHeader("Content-Type", RESULT_CONTAINER).withBody(body)));
    }

    private String moodle(String request, int index) {
        try {
            return lms.moodle(request, index);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Someone in this test's course on this test's platform; an activity launch names the line item given. */
    private LtiPrincipal person(String subject, String name, AttestRole role, String resourceLinkId, Map<String, String> custom,
            String lineItem) {
        return new LtiPrincipal(platform.id(), platform.issuer(), platform.clientId(), "1", LtiPrincipal.RESOURCE_LINK_REQUEST,
                subject, name, null, List.of(), Set.of(role), course, "LAB", "Lab course", resourceLinkId, "Assignment 1", custom,
                new LtiPrincipal.AgsEndpoint(List.of(AgsClient.SCOPE_LINE_ITEM, AgsClient.SCOPE_RESULT_READ, AgsClient.SCOPE_SCORE),
                        lms.url(LINE_ITEMS), lineItem == null ? null : lms.url(lineItem)),
                lms.url(MEMBERSHIPS), null, null, "en", Instant.now());
    }

    private PortfolioView portfolioOf(String learner) {
        UUID id = jdbc.sql("SELECT id FROM learner_unit WHERE context_id = ? AND learner_subject = ?").params(course, learner)
                .query(UUID.class).single();
        LearnerUnit unit = learnerUnits.visible(tutor, id);
        return learnerUnits.view(unit);
    }

    private Criterion criterion(String code) {
        return unit.criteria().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
    }

    private static AssessmentDecision decisionOn(PortfolioView view, String code) {
        return view.decisions().stream().filter(d -> d.criterionCode().equals(code)).findFirst().orElseThrow();
    }

    private static CompletionReport.CriterionState stateOf(PortfolioView view, String code) {
        return view.report().criteria().stream().filter(s -> s.criterion().code().equals(code)).findFirst().orElseThrow().state();
    }

    /** Everything a pull could change in this course's portfolios. */
    private String portfolioState() {
        StringBuilder state = new StringBuilder();
        for (String sql : List.of("SELECT * FROM learner_unit WHERE context_id = ? ORDER BY id",
                "SELECT e.* FROM evidence e JOIN learner_unit lu ON lu.id = e.learner_unit_id WHERE lu.context_id = ? ORDER BY e.id",
                "SELECT m.* FROM evidence_mapping m JOIN evidence e ON e.id = m.evidence_id JOIN learner_unit lu ON lu.id = e.learner_unit_id "
                        + "WHERE lu.context_id = ? ORDER BY m.evidence_id, m.item_id",
                "SELECT d.* FROM assessment_decision d JOIN learner_unit lu ON lu.id = d.learner_unit_id WHERE lu.context_id = ? ORDER BY d.id",
                "SELECT COUNT(*) FROM audit_event WHERE context_id = ?")) {
            state.append(jdbc.sql(sql).param(course).query().listOfRows()).append('\n');
        }
        return state.toString();
    }
}
