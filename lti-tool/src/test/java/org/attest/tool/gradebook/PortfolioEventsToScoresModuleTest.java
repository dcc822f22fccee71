package org.attest.tool.gradebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.attest.tool.IntegrationTest;
import org.attest.tool.gradebook.lms.Score;
import org.attest.tool.gradebook.scores.QueuedScore;
import org.attest.tool.gradebook.scores.ScoreOutbox;
import org.attest.tool.lti.DeepLinkingResponse;
import org.attest.tool.lti.PlatformAdministration;
import org.attest.tool.lti.PlatformHttp;
import org.attest.tool.lti.PlatformRegistry;
import org.attest.tool.lti.ProductFamilies;
import org.attest.tool.lti.SigningKeys;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.DecisionRecorded;
import org.attest.tool.portfolio.EvidenceSubmitted;
import org.attest.tool.portfolio.LearnerUnits;
import org.attest.tool.portfolio.OutsideOutcomes;
import org.attest.tool.portfolio.UnitBindings;
import org.attest.tool.portfolio.UnitProgress;
import org.attest.tool.portfolio.UnitSignedOff;
import org.attest.tool.standards.FrameworkCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The gradebook module on its own (no portfolio, lti or standards beans: those it names are mocks):
 * a portfolio event carries every fact its score needs, so the event becomes a queued score with the
 * right number, comment and progress flags without the gradebook asking the portfolio anything.
 */
@ApplicationModuleTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("test")
// the module test starts the gradebook module alone: the portfolio's fileStore health contributor, which the
// readiness group names, is not there, and the group would refuse to start without it
@TestPropertySource(properties = {"attest.gradebook.delivery.enabled=false",
        "management.endpoint.health.validate-group-membership=false"})
@Tag("database")
class PortfolioEventsToScoresModuleTest {

    /** The PostgreSQL run (see {@link IntegrationTest}) puts this context in a schema of its own too. */
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        IntegrationTest.schemaOfItsOwn(registry);
    }

    @MockitoBean
    OutsideOutcomes outsideOutcomes;
    @MockitoBean
    UnitBindings unitBindings;
    @MockitoBean
    FrameworkCatalog catalog;
    @MockitoBean
    PlatformRegistry platforms;
    @MockitoBean
    PlatformHttp http;
    @MockitoBean(name = "tool")
    SigningKeys toolKeys;
    @MockitoBean
    ProductFamilies families;
    @MockitoBean
    PlatformAdministration platformAdministration;
    @MockitoBean
    DeepLinkingResponse deepLinkingResponse;
    @MockitoBean
    LearnerUnits learnerUnits;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ScoreOutbox outbox;

    private final UUID platformId = UUID.randomUUID();
    private final Course course = new Course(platformId, "1", "course-" + UUID.randomUUID());

    private Instant started;

    @BeforeEach
    void moodle() {
        started = Instant.now();
        when(families.effective(platformId)).thenReturn(ProductFamilies.Family.MOODLE);
    }

    @Test
    void aDecisionBecomesAQueuedScoreOfCriteriaMetWithoutReadingThePortfolio(Scenario scenario) {
        UnitProgress progress = progress(7, 18, 0, false, List.of("unit-link"));

        scenario.publish(new DecisionRecorded(progress))
                .andWaitForStateChange(() -> queued(progress), rows -> !rows.isEmpty())
                .andVerify(rows -> {
                    assertThat(rows).singleElement().satisfies(row -> {
                        assertThat(row.resourceLinkId()).isEqualTo("unit-link");
                        assertThat(row.reason()).isEqualTo(QueuedScore.Reason.PROGRESS);
                        assertThat(row.score().userId()).isEqualTo("learner-5");
                        assertThat(row.score().scoreGiven()).isEqualTo(38.0); // 7 of 18, out of 100, rounded down
                        assertThat(row.score().scoreMaximum()).isEqualTo(100.0);
                        assertThat(row.score().comment()).isEqualTo("7 of 18 criteria met");
                        assertThat(row.score().activityProgress()).isEqualTo(Score.ActivityProgress.InProgress);
                        // Moodle keeps the number only when the score is FullyGraded
                        assertThat(row.score().gradingProgress()).isEqualTo(Score.GradingProgress.FullyGraded);
                        assertThat(row.score().timestamp()).isBetween(started, Instant.now());
                    });
                });
        verifyNoInteractions(outsideOutcomes, unitBindings, learnerUnits, catalog);
    }

    @Test
    void submittedEvidenceOnCanvasIsFlaggedForMarkingInEveryBoundColumn(Scenario scenario) {
        when(families.effective(platformId)).thenReturn(ProductFamilies.Family.CANVAS);
        UnitProgress progress = progress(3, 12, 2, false, List.of("unit-link", "second-link"));

        scenario.publish(new EvidenceSubmitted(progress, UUID.randomUUID()))
                .andWaitForStateChange(() -> queued(progress), rows -> rows.size() == 2)
                .andVerify(rows -> assertThat(rows).allSatisfy(row -> {
                    assertThat(row.reason()).isEqualTo(QueuedScore.Reason.EVIDENCE_SUBMITTED);
                    assertThat(row.score().scoreGiven()).isEqualTo(25.0);
                    assertThat(row.score().comment()).isEqualTo("3 of 12 criteria met; 2 claims waiting to be marked");
                    // Canvas keeps the number with PendingManual and lists it under "needs grading"
                    assertThat(row.score().activityProgress()).isEqualTo(Score.ActivityProgress.Submitted);
                    assertThat(row.score().gradingProgress()).isEqualTo(Score.GradingProgress.PendingManual);
                }));
        verifyNoInteractions(outsideOutcomes, unitBindings, learnerUnits, catalog);
    }

    @Test
    void aSignedOffUnitQueuesFullMarksCompleted(Scenario scenario) {
        UnitProgress progress = progress(18, 18, 0, true, List.of("unit-link"));

        scenario.publish(new UnitSignedOff(progress))
                .andWaitForStateChange(() -> queued(progress), rows -> !rows.isEmpty())
                .andVerify(rows -> assertThat(rows).singleElement().satisfies(row -> {
                    assertThat(row.reason()).isEqualTo(QueuedScore.Reason.SIGNED_OFF);
                    assertThat(row.score().scoreGiven()).isEqualTo(100.0);
                    assertThat(row.score().comment()).isEqualTo("Unit 224 complete: all 18 criteria met and signed off.");
                    assertThat(row.score().activityProgress()).isEqualTo(Score.ActivityProgress.Completed);
                    assertThat(row.score().gradingProgress()).isEqualTo(Score.GradingProgress.FullyGraded);
                }));
        verifyNoInteractions(outsideOutcomes, unitBindings, learnerUnits, catalog);
    }

    private UnitProgress progress(int met, int total, int claimsWaiting, boolean complete, List<String> links) {
        return new UnitProgress(UUID.randomUUID(), course, "learner-5", UUID.randomUUID(), "224", met, total, claimsWaiting,
                complete, links);
    }

    private List<QueuedScore> queued(UnitProgress progress) {
        return jdbc.sql("SELECT id FROM score_outbox WHERE learner_unit_id = ?").param(progress.learnerUnitId())
                .query(UUID.class).list().stream().map(id -> outbox.find(id).orElseThrow()).toList();
    }
}
