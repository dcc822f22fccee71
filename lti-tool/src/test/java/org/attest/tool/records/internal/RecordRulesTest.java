package org.attest.tool.records.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.PortfolioRefused;
import org.junit.jupiter.api.Test;

/** Who signs a record, with what typed name, and when a record may change: the rules alone, without Spring. */
class RecordRulesTest {

    private static final Course COURSE = new Course(UUID.randomUUID(), "1", "course-7");
    private static final LearnerUnit UNIT = new LearnerUnit(UUID.randomUUID(), COURSE, "sam", "Sam Student",
            UUID.randomUUID(), "224", UUID.randomUUID(), 0, 3, false, false, 0, Instant.now());
    private static final LtiPrincipal SAM = person("sam", "Sam Student", AttestRole.LEARNER, COURSE);
    private static final LtiPrincipal ALEX = person("alex", "Alex Assessor", AttestRole.ASSESSOR, COURSE);

    @Test
    void aTypedNameMatchesTheLaunchNameIgnoringCaseAndSpaces() {
        assertThatCode(() -> RecordRules.requireTypedName(SAM, "  sam   STUDENT ")).doesNotThrowAnyException();
        assertThatCode(() -> RecordRules.requireTypedName(SAM, "SamStudent")).doesNotThrowAnyException();
        assertThatThrownBy(() -> RecordRules.requireTypedName(SAM, "Sam Studant")).isInstanceOf(PortfolioRefused.class)
                .hasMessage("the name you typed, 'Sam Studant', is not your name as your LMS gives it, 'Sam Student'; "
                        + "type that name to sign");
        assertThatThrownBy(() -> RecordRules.requireTypedName(SAM, "  ")).hasMessage("type your name to sign: it is your "
                + "signature");
    }

    @Test
    void theLearnerSignsOnlyAsCandidateAndTheNamedAssessorOnlyAsAssessor() {
        AssessorRecord plan = record(RecordKind.ASSESSMENT_PLAN, null, List.of());
        assertThatCode(() -> RecordRules.requireSigner(SAM, UNIT, plan, SignerRole.CANDIDATE, "Sam Student"))
                .doesNotThrowAnyException();
        assertThatCode(() -> RecordRules.requireSigner(ALEX, UNIT, plan, SignerRole.ASSESSOR, "Alex Assessor"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> RecordRules.requireSigner(SAM, UNIT, plan, SignerRole.ASSESSOR, "Sam Student"))
                .extracting(e -> ((PortfolioRefused) e).kind()).isEqualTo(PortfolioRefused.Kind.FORBIDDEN);
        assertThatThrownBy(() -> RecordRules.requireSigner(ALEX, UNIT, plan, SignerRole.CANDIDATE, "Alex Assessor"))
                .hasMessage("only the candidate, Sam Student, signs this record as candidate");
        LtiPrincipal bea = person("bea", "Bea Second", AttestRole.ASSESSOR, COURSE);
        assertThatThrownBy(() -> RecordRules.requireSigner(bea, UNIT, plan, SignerRole.ASSESSOR, "Bea Second"))
                .hasMessageStartingWith("this record names Alex Assessor as assessor");
        LtiPrincipal elsewhere = person("alex", "Alex Assessor", AttestRole.ASSESSOR, new Course(COURSE.platformId(), "1", "x"));
        assertThatThrownBy(() -> RecordRules.requireSigner(elsewhere, UNIT, plan, SignerRole.ASSESSOR, "Alex Assessor"))
                .extracting(e -> ((PortfolioRefused) e).kind()).isEqualTo(PortfolioRefused.Kind.FORBIDDEN);
    }

    @Test
    void feedbackIsNotSignedByTheCandidate() {
        AssessorRecord feedback = record(RecordKind.FEEDBACK, null, List.of());
        assertThatThrownBy(() -> RecordRules.requireSigner(SAM, UNIT, feedback, SignerRole.CANDIDATE, "Sam Student"))
                .hasMessage("the Action plan and feedback to candidate is not signed by the candidate");
    }

    @Test
    void aSignedRecordChangesOnlyByANewVersionAndASupersededOneNotAtAll() {
        AssessorRecord.Signature signed = new AssessorRecord.Signature(SignerRole.ASSESSOR, "alex", "Alex Assessor",
                "Alex Assessor", Instant.now());
        AssessorRecord draft = record(RecordKind.OBSERVATION, null, List.of());
        AssessorRecord locked = record(RecordKind.OBSERVATION, null, List.of(signed));
        AssessorRecord old = record(RecordKind.OBSERVATION, Instant.now(), List.of(signed));

        assertThatCode(() -> RecordRules.requireEditable(draft)).doesNotThrowAnyException();
        assertThatThrownBy(() -> RecordRules.requireEditable(locked)).hasMessageContaining("make a new version");
        assertThatThrownBy(() -> RecordRules.requireVersionable(draft)).hasMessageContaining("still a draft");
        assertThatCode(() -> RecordRules.requireVersionable(locked)).doesNotThrowAnyException();
        assertThatThrownBy(() -> RecordRules.requireVersionable(old)).hasMessageContaining("already superseded");
        assertThatThrownBy(() -> RecordRules.requireSigner(SAM, UNIT, old, SignerRole.CANDIDATE, "Sam Student"))
                .extracting(e -> ((PortfolioRefused) e).kind()).isEqualTo(PortfolioRefused.Kind.CONFLICT);
        assertThatThrownBy(() -> RecordRules.requireSigner(ALEX, UNIT, locked, SignerRole.ASSESSOR, "Alex Assessor"))
                .hasMessage("this version is already signed as assessor by Alex Assessor");
        assertThat(locked.state()).isEqualTo("Signed in part: waiting for the candidate's signature");
    }

    @Test
    void aPlanNeedsItsDueDateAndAReportAllSevenAnswers() {
        RecordContent noDue = new RecordContent(null, "Branch", java.time.LocalDateTime.now(),
                Set.of(org.attest.standards.AssessmentMethod.OBSERVATION), "Two calls", "Verbal", null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> RecordRules.check(RecordKind.ASSESSMENT_PLAN, noDue, LocalDate.now()))
                .hasMessage("give the plan a due date: the day the evidence should be in");
        RecordContent sixAnswers = new RecordContent(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, Map.of(VacsQuestion.MORE_SKILLS, false, VacsQuestion.MORE_KNOWLEDGE, false,
                        VacsQuestion.MORE_PORTFOLIO, false, VacsQuestion.COMPETENCES_MET, true, VacsQuestion.KNOWLEDGE_MET, true,
                        VacsQuestion.VACS, true), null, null, "Competent", null, null);
        assertThatThrownBy(() -> RecordRules.check(RecordKind.ASSESSMENT_REPORT, sixAnswers, LocalDate.now()))
                .hasMessage("answer yes or no: Has the evidence been properly authenticated?");
    }

    private static AssessorRecord record(RecordKind kind, Instant superseded, List<AssessorRecord.Signature> signatures) {
        RecordContent empty = new RecordContent(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
        return new AssessorRecord(UUID.randomUUID(), UUID.randomUUID(), 1, kind, UNIT.id(), "Sam Student", "224", "alex",
                "Alex Assessor", empty, null, null, superseded, Instant.now(), Instant.now(), signatures, List.of());
    }

    private static LtiPrincipal person(String subject, String name, AttestRole role, Course course) {
        return new LtiPrincipal(course.platformId(), "https://lms.example.ac.uk", "client-1", course.deploymentId(),
                LtiPrincipal.RESOURCE_LINK_REQUEST, subject, name, null, List.of(), Set.of(role), course.contextId(), "LAB",
                "Lab course", "link-1", "Unit 224", Map.of(), null, null, null, null, "en", Instant.now());
    }
}
