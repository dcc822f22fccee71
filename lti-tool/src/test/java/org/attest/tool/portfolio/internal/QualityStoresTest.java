package org.attest.tool.portfolio.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;
import org.attest.standards.Criterion;
import org.attest.standards.CriterionKind;
import org.attest.tool.TestDatabase;
import org.attest.tool.portfolio.AssessmentDecision;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.UnitForSampling;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What internal quality assurance reads and writes in the portfolio's tables (the hold, the verifier's flag on a
 * decision, the withdrawn sign-off, the centre's units for sampling), on H2 and again on PostgreSQL.
 */
@Tag("database")
class QualityStoresTest {

    private static final Instant NOW = Instant.parse("2026-03-04T09:15:02.123456Z");
    private static final UUID FRAMEWORK = UUID.randomUUID();
    private static final UUID OTHER_FRAMEWORK = UUID.randomUUID();
    private static final UUID VERSION = UUID.randomUUID();
    private static final Criterion ONE = new Criterion(UUID.randomUUID(), "1.1", "criterion 1.1", CriterionKind.ASSESSMENT);
    private static final Criterion TWO = new Criterion(UUID.randomUUID(), "1.2", "criterion 1.2", CriterionKind.ASSESSMENT);

    private static JdbcClient jdbc;

    private final UUID centre = UUID.randomUUID();
    private final Course course = new Course(centre, "1", "course-" + UUID.randomUUID());
    private LearnerUnitStore learnerUnits;
    private EvidenceStore evidence;
    private DecisionStore decisions;
    private SignatureStore signatures;
    private SamplingStore sampling;

    @BeforeAll
    static void migrate() {
        jdbc = TestDatabase.migrated();
    }

    @BeforeEach
    void stores() {
        learnerUnits = new LearnerUnitStore(jdbc);
        evidence = new EvidenceStore(jdbc);
        decisions = new DecisionStore(jdbc);
        signatures = new SignatureStore(jdbc);
        sampling = new SamplingStore(jdbc);
    }

    @Test
    void aHoldWithdrawsTheSignOffAndItsCountersignatureFlagsTheDecisionAndIsReleased() {
        UUID unit = start(course, "learner-1", "Lee Learner", FRAMEWORK, "R101");
        decisions.record(decision(unit, ONE, "assessor-1", "Ann Assessor", 0));
        signatures.sign(signature(unit, UnitSignature.Kind.DECLARATION, "learner-1", 1));
        signatures.sign(signature(unit, UnitSignature.Kind.SIGN_OFF, "assessor-1", 2));
        signatures.sign(signature(unit, UnitSignature.Kind.SIGN_OFF_COUNTERSIGNATURE, "assessor-2", 3));

        assertThat(signatures.withdrawSignOff(unit, NOW)).containsExactly(UnitSignature.Kind.SIGN_OFF,
                UnitSignature.Kind.SIGN_OFF_COUNTERSIGNATURE);
        assertThat(signatures.withdrawSignOff(unit, NOW)).as("nothing left to withdraw").isEmpty();
        assertThat(signatures.signatures(unit)).extracting(UnitSignature::kind).containsExactly(UnitSignature.Kind.DECLARATION);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM unit_signature WHERE learner_unit_id = ?").param(unit).query(Integer.class)
                .single()).as("withdrawn, never deleted").isEqualTo(3);

        assertThat(decisions.flagDisagreed(unit, ONE.id(), "the observation does not show 1.1")).isTrue();
        assertThat(decisions.flagDisagreed(unit, TWO.id(), "no decision on 1.2")).isFalse();
        assertThat(decisions.currentDecisions(unit)).singleElement().extracting(AssessmentDecision::verifierDisagreed)
                .isEqualTo("the observation does not show 1.1");
        learnerUnits.hold(unit, "Sampling: 1.1 not shown", "iqa-1", "Ivy Verifier", NOW);
        assertThat(learnerUnits.byId(unit).orElseThrow().qualityHoldReason()).isEqualTo("Sampling: 1.1 not shown");

        decisions.record(decision(unit, ONE, "assessor-1", "Ann Assessor", 5));
        assertThat(decisions.currentDecisions(unit)).singleElement().extracting(AssessmentDecision::verifierDisagreed)
                .as("the assessor's new decision carries no disagreement").isNull();
        decisions.flagDisagreed(unit, ONE.id(), "still not shown");
        assertThat(decisions.clearDisagreements(unit)).isEqualTo(1);
        learnerUnits.release(unit);
        assertThat(learnerUnits.byId(unit).orElseThrow().held()).isFalse();
    }

    @Test
    void aCentresUnitsAreReadForSamplingWithTheirAssessorMethodsAndStanding() {
        Course otherCourse = new Course(centre, "1", "course-" + UUID.randomUUID());
        UUID signed = start(course, "learner-a", "Ada Learner", FRAMEWORK, "R101");
        UUID decidedByTwo = start(course, "learner-b", "Ben Learner", FRAMEWORK, "R102");
        UUID untouched = start(otherCourse, "learner-c", "Cal Learner", FRAMEWORK, "R101");
        UUID otherFramework = start(otherCourse, "learner-c", "Cal Learner", OTHER_FRAMEWORK, "X1");
        start(new Course(UUID.randomUUID(), "1", "elsewhere"), "learner-z", "Zed Elsewhere", FRAMEWORK, "R101");
        jdbc.sql("INSERT INTO assessor_status (platform_id, subject, name, qualified, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(centre, "trainee-1", "Tom Trainee", false, "admin", java.sql.Timestamp.from(NOW)).update();

        addEvidence(signed, Set.of(AssessmentMethod.OBSERVATION, AssessmentMethod.QUESTIONING));
        addEvidence(signed, Set.of(AssessmentMethod.PROFESSIONAL_DISCUSSION));
        decisions.record(decision(signed, ONE, "trainee-1", "Tom Trainee", 0));
        decisions.record(decision(signed, TWO, "trainee-1", "Tom Trainee", 0));
        signatures.sign(signature(signed, UnitSignature.Kind.SIGN_OFF, "assessor-1", 4));
        learnerUnits.saveCounts(signed, new LearnerUnitStore.Counts(2, 2, true, true, 0, 0, 0), NOW);

        addEvidence(decidedByTwo, Set.of(AssessmentMethod.WITNESS_TESTIMONY));
        decisions.record(decision(decidedByTwo, ONE, "assessor-1", "Ann Assessor", 0));
        decisions.record(decision(decidedByTwo, TWO, "trainee-1", "Tom Trainee", 1));
        decisions.record(decision(decidedByTwo, ONE, "trainee-1", "Tom Trainee", 2)); // supersedes Ann's
        learnerUnits.hold(decidedByTwo, "interim: observe Tom's practice", "iqa-1", "Ivy Verifier", NOW);

        List<UnitForSampling> all = sampling.ofCentre(centre, null, List.of());

        assertThat(all).extracting(UnitForSampling::learnerUnitId).containsExactly(signed, decidedByTwo, untouched, otherFramework);
        UnitForSampling a = all.get(0);
        assertThat(a.course()).isEqualTo(course);
        assertThat(a.learnerName()).isEqualTo("Ada Learner");
        assertThat(a.assessorSubject()).as("the sign-off names the assessor").isEqualTo("assessor-1");
        assertThat(a.traineeAssessor()).isFalse();
        assertThat(a.methods()).containsExactlyInAnyOrder(AssessmentMethod.OBSERVATION, AssessmentMethod.QUESTIONING,
                AssessmentMethod.PROFESSIONAL_DISCUSSION);
        assertThat(a.evidenceCount()).isEqualTo(2);
        assertThat(a.signedOffAt()).isEqualTo(NOW.plusSeconds(4));
        assertThat(a.complete()).isTrue();
        assertThat(a.held()).isFalse();
        assertThat(a.started()).isEqualTo(NOW);

        UnitForSampling b = all.get(1);
        assertThat(b.assessorName()).as("most current decisions").isEqualTo("Tom Trainee");
        assertThat(b.traineeAssessor()).isTrue();
        assertThat(b.signedOffAt()).isNull();
        assertThat(b.held()).isTrue();
        assertThat(b.methods()).containsExactly(AssessmentMethod.WITNESS_TESTIMONY);

        UnitForSampling c = all.get(2);
        assertThat(c.assessorSubject()).isNull();
        assertThat(c.methods()).isEmpty();
        assertThat(c.evidenceCount()).isZero();

        assertThat(sampling.ofCentre(centre, FRAMEWORK, List.of("R101"))).extracting(UnitForSampling::learnerUnitId)
                .containsExactly(signed, untouched);
        assertThat(sampling.ofCentre(centre, OTHER_FRAMEWORK, List.of())).extracting(UnitForSampling::learnerUnitId)
                .containsExactly(otherFramework);
        assertThat(sampling.ofCentre(UUID.randomUUID(), null, List.of())).isEmpty();
    }

    private UUID start(Course in, String subject, String name, UUID framework, String unitCode) {
        UUID id = UUID.randomUUID();
        assertThat(learnerUnits.insert(id, in, subject, name, framework, unitCode, VERSION, 2, NOW)).isTrue();
        return id;
    }

    private void addEvidence(UUID unit, Set<AssessmentMethod> methods) {
        UUID id = UUID.randomUUID();
        evidence.insert(id, unit, id, 1, new EvidenceInput("Evidence " + id, "What happened", LocalDate.of(2026, 3, 2),
                methods, "Customer 14", null, false, null, null), "learner", NOW);
    }

    private static NewDecision decision(UUID unit, Criterion criterion, String assessor, String name, int second) {
        return new NewDecision(UUID.randomUUID(), unit, criterion, Outcome.MET, "seen", Set.of(UUID.randomUUID()),
                AssessmentDecision.Source.ASSESSOR, assessor, name, false, null, NOW.plusSeconds(second));
    }

    private static NewSignature signature(UUID unit, UnitSignature.Kind kind, String signer, int second) {
        return new NewSignature(unit, kind, signer, signer, signer, "statement", false, NOW.plusSeconds(second));
    }
}
