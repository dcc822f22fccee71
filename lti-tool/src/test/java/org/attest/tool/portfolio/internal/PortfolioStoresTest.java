package org.attest.tool.portfolio.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;
import org.attest.standards.Criterion;
import org.attest.standards.CriterionKind;
import org.attest.tool.TestDatabase;
import org.attest.tool.portfolio.AssessmentDecision;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.internal.files.StoredFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The portfolio's stores against a migrated database, without the application: on H2, and again on PostgreSQL. */
@Tag("database")
class PortfolioStoresTest {

    private static final Instant NOW = Instant.parse("2026-03-04T09:15:02.123456Z");
    private static final UUID FRAMEWORK = UUID.randomUUID();
    private static final UUID VERSION = UUID.randomUUID();
    private static final Criterion CRITERION = new Criterion(UUID.randomUUID(), "1.1", "criterion 1.1", CriterionKind.ASSESSMENT);

    /** Migrated once for the class: each test works in a course and unit of its own. */
    private static JdbcClient jdbc;

    private final Course course = new Course(UUID.randomUUID(), "1", "course-" + UUID.randomUUID());
    private LearnerUnitStore learnerUnits;
    private EvidenceStore evidence;
    private DecisionStore decisions;
    private SignatureStore signatures;
    private UUID unitId;

    @BeforeAll
    static void migrate() {
        jdbc = TestDatabase.migrated();
    }

    @BeforeEach
    void startLearnerUnit() {
        learnerUnits = new LearnerUnitStore(jdbc);
        evidence = new EvidenceStore(jdbc);
        decisions = new DecisionStore(jdbc);
        signatures = new SignatureStore(jdbc);
        unitId = UUID.randomUUID();
        assertThat(learnerUnits.insert(unitId, course, "learner-1", "Lee Learner", FRAMEWORK, "R101", VERSION, 3, NOW)).isTrue();
    }

    @Test
    void aLearnerUnitIsStartedOnceAndASecondStartReportsTheRace() {
        assertThat(learnerUnits.insert(UUID.randomUUID(), course, "learner-1", "Lee Learner", FRAMEWORK, "R101", VERSION, 3, NOW))
                .isFalse();
        assertThat(learnerUnits.find(course, "learner-1", FRAMEWORK, "R101")).get()
                .satisfies(u -> {
                    assertThat(u.id()).isEqualTo(unitId);
                    assertThat(u.criteriaTotal()).isEqualTo(3);
                });
        learnerUnits.rename(unitId, "Lee Learner-Smith");
        assertThat(learnerUnits.latestName(course, "learner-1")).contains("Lee Learner-Smith");
    }

    @Test
    void onlyTheCurrentVersionOfEvidenceIsListedWithItsFilesAndClaims() {
        UUID first = UUID.randomUUID();
        evidence.insert(first, unitId, first, 1, input("Handled a complaint"), "learner-1", NOW);
        evidence.attach(first, List.of(new StoredFile("key-1", "notes.pdf", "application/pdf", 10, "ab".repeat(32))), NOW);
        evidence.claim(first, CRITERION.id(), Evidence.ItemKind.CRITERION, "1.1", NOW);

        UUID second = UUID.randomUUID();
        assertThat(evidence.supersede(first)).isTrue();
        assertThat(evidence.supersede(first)).as("a version superseded by another edit first").isFalse();
        evidence.insert(second, unitId, first, 2, input("Handled a complaint, with the outcome"), "learner-1", NOW);
        evidence.copyFiles(evidence.evidence(first).orElseThrow(), second);
        evidence.claim(second, CRITERION.id(), Evidence.ItemKind.CRITERION, "1.1", NOW);

        List<Evidence> current = evidence.currentEvidence(unitId);
        assertThat(current).extracting(Evidence::id).containsExactly(second);
        assertThat(current.get(0).files()).extracting(Evidence.EvidenceFile::fileName).containsExactly("notes.pdf");
        assertThat(current.get(0).mappings()).extracting(Evidence.Mapping::status).containsExactly(MappingStatus.CLAIMED);
        assertThat(current.get(0).methods()).containsExactly(AssessmentMethod.PORTFOLIO_EVIDENCE);
        assertThat(evidence.versions(first)).extracting(Evidence::version).containsExactly(2, 1);
    }

    @Test
    void evidenceIsChangedInPlaceOnlyUntilAnAssessorHasLookedAtIt() {
        UUID id = UUID.randomUUID();
        evidence.insert(id, unitId, id, 1, input("Draft"), "learner-1", NOW);
        assertThat(evidence.update(id, input("Final"), NOW)).isTrue();
        evidence.markAssessed(id);
        assertThat(evidence.update(id, input("Changed after marking"), NOW)).isFalse();
        assertThat(evidence.evidence(id)).get().extracting(Evidence::title, Evidence::status)
                .containsExactly("Final", Evidence.Status.ASSESSED);
    }

    @Test
    void claimsWaitingForReviewPutTheEvidenceInTheMarkingQueueUntilReviewed() {
        UUID id = UUID.randomUUID();
        evidence.insert(id, unitId, id, 1, input("Handled a complaint"), "learner-1", NOW);
        evidence.claim(id, CRITERION.id(), Evidence.ItemKind.CRITERION, "1.1", NOW);
        evidence.refreshToMark(unitId);
        learnerUnits.saveCounts(unitId, new LearnerUnitStore.Counts(0, 3, false, false, 1, 1, 0), NOW);

        assertThat(evidence.toMark(course, 10)).singleElement()
                .satisfies(q -> {
                    assertThat(q.evidenceId()).isEqualTo(id);
                    assertThat(q.claims()).isEqualTo(1);
                });
        assertThat(learnerUnits.queueSizes(course)).isEqualTo(new AssessmentQueues.QueueSizes(1, 0));

        evidence.review(id, CRITERION.id(), MappingStatus.CONFIRMED, "assessor-1", "Ann Assessor", NOW);
        evidence.markAssessed(id);
        evidence.refreshToMark(unitId);
        assertThat(evidence.toMark(course, 10)).isEmpty();
        evidence.withdrawClaim(id, CRITERION.id());
        assertThat(evidence.evidence(id).orElseThrow().mappings()).as("a reviewed mapping is not the learner's to withdraw")
                .extracting(Evidence.Mapping::status).containsExactly(MappingStatus.CONFIRMED);
    }

    @Test
    void aNewDecisionSupersedesTheCurrentOneAndIsCountersignedOnce() {
        NewDecision notYet = decision(Outcome.NOT_YET, true, null);
        decisions.record(notYet);
        NewDecision met = decision(Outcome.MET, true, notYet.id());
        decisions.record(met);
        learnerUnits.saveCounts(unitId, new LearnerUnitStore.Counts(0, 3, false, false, 0, 0, 1), NOW);

        assertThat(decisions.currentDecisions(unitId)).singleElement()
                .satisfies(d -> {
                    assertThat(d.id()).isEqualTo(met.id());
                    assertThat(d.awaitingCountersignature()).isTrue();
                    assertThat(d.source()).isEqualTo(AssessmentDecision.Source.ASSESSOR);
                });
        assertThat(decisions.awaitingCountersignature(course, 10)).extracting(AssessmentQueues.PendingCountersignature::id)
                .containsExactly(met.id());
        assertThat(decisions.countersign(notYet.id(), "qa-1", "Quinn Qualified", NOW)).as("a replaced decision").isFalse();
        assertThat(decisions.countersign(met.id(), "qa-1", "Quinn Qualified", NOW)).isTrue();
        assertThat(decisions.countersign(met.id(), "qa-1", "Quinn Qualified", NOW)).as("countersigned already").isFalse();
        assertThat(decisions.flagForReview(unitId, CRITERION.id())).isEqualTo(1);
        assertThat(decisions.decision(met.id())).get().extracting(AssessmentDecision::needsReview).isEqualTo(true);
    }

    @Test
    void aChangedPortfolioWithdrawsTheDeclarationOnceAndAnUnqualifiedSignOffWaitsForACountersignature() {
        signatures.sign(signature(UnitSignature.Kind.DECLARATION, false));
        assertThat(signatures.withdrawDeclaration(unitId, NOW)).isTrue();
        assertThat(signatures.withdrawDeclaration(unitId, NOW)).isFalse();
        assertThat(signatures.signatures(unitId)).isEmpty();

        signatures.sign(signature(UnitSignature.Kind.SIGN_OFF, true));
        learnerUnits.saveCounts(unitId, new LearnerUnitStore.Counts(3, 3, true, false, 0, 0, 1), NOW);
        assertThat(signatures.signOffsAwaitingCountersignature(course)).singleElement()
                .extracting(AssessmentQueues.PendingCountersignature::kind).isEqualTo(AssessmentQueues.PendingCountersignature.Kind.SIGN_OFF);
        signatures.sign(signature(UnitSignature.Kind.SIGN_OFF_COUNTERSIGNATURE, false));
        assertThat(signatures.signOffsAwaitingCountersignature(course)).isEmpty();
    }

    private NewDecision decision(Outcome outcome, boolean countersignatureNeeded, UUID supersedes) {
        return new NewDecision(UUID.randomUUID(), unitId, CRITERION, outcome, "feedback", Set.of(UUID.randomUUID()),
                AssessmentDecision.Source.ASSESSOR, "assessor-1", "Ann Assessor", countersignatureNeeded, supersedes,
                NOW.plus(supersedes == null ? 0 : 1, ChronoUnit.SECONDS));
    }

    private NewSignature signature(UnitSignature.Kind kind, boolean needsCountersignature) {
        return new NewSignature(unitId, kind, "someone", "Some One", "Some One", "statement", needsCountersignature,
                NOW.plusSeconds(kind.ordinal()));
    }

    private static EvidenceInput input(String title) {
        return new EvidenceInput(title, "What happened", LocalDate.of(2026, 3, 2), Set.of(AssessmentMethod.PORTFOLIO_EVIDENCE),
                "Customer 14", null, false, null, null);
    }
}
