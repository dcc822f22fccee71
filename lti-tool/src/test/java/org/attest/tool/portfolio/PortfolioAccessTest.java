package org.attest.tool.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiPrincipal;
import org.junit.jupiter.api.Test;

/** The one access policy of the portfolio, as pages and services both use it. */
class PortfolioAccessTest {

    private static final Course COURSE = new Course(UUID.randomUUID(), "1", "course-7");
    private static final Course OTHER_COURSE = new Course(COURSE.platformId(), "1", "course-8");
    private final LearnerUnit portfolio = new LearnerUnit(UUID.randomUUID(), COURSE, "learner-1", "Lee Learner",
            UUID.randomUUID(), "R101", UUID.randomUUID(), 0, 3, false, false, 0, Instant.now());

    @Test
    void aLearnerSeesAndChangesOnlyTheirOwnPortfolioInItsCourse() {
        LtiPrincipal owner = person("learner-1", AttestRole.LEARNER, COURSE);
        LtiPrincipal classmate = person("learner-2", AttestRole.LEARNER, COURSE);
        LtiPrincipal ownerElsewhere = person("learner-1", AttestRole.LEARNER, OTHER_COURSE);

        assertThat(PortfolioAccess.maySee(owner, portfolio)).isTrue();
        assertThat(PortfolioAccess.requireOwn(owner, portfolio)).isSameAs(portfolio);
        assertThat(PortfolioAccess.maySee(classmate, portfolio)).isFalse();
        assertThat(PortfolioAccess.maySee(ownerElsewhere, portfolio)).isFalse();
        assertThatThrownBy(() -> PortfolioAccess.requireOwn(ownerElsewhere, portfolio))
                .isInstanceOf(PortfolioRefused.class).hasMessage("that portfolio was not found, or is not yours to see");
    }

    @Test
    void anAssessorSeesAndAssessesEveryPortfolioOfTheirCourseButOwnsNone() {
        LtiPrincipal assessor = person("assessor-1", AttestRole.ASSESSOR, COURSE);
        LtiPrincipal assessorElsewhere = person("assessor-1", AttestRole.ASSESSOR, OTHER_COURSE);
        LtiPrincipal tutorWithLearnersId = person("learner-1", AttestRole.ASSESSOR, COURSE);

        assertThat(PortfolioAccess.mayAssess(assessor, portfolio)).isTrue();
        assertThat(PortfolioAccess.maySee(assessor, portfolio)).isTrue();
        assertThat(PortfolioAccess.owns(tutorWithLearnersId, portfolio)).as("owning takes the learner role").isFalse();
        assertThat(PortfolioAccess.maySee(assessorElsewhere, portfolio)).isFalse();
        assertThatThrownBy(() -> PortfolioAccess.requireAssessable(assessorElsewhere, portfolio))
                .isInstanceOf(PortfolioRefused.class).extracting(e -> ((PortfolioRefused) e).kind())
                .isEqualTo(PortfolioRefused.Kind.NOT_FOUND);
    }

    @Test
    void aVerifierReadsAPortfolioOutsideTheirCourseButNeitherOwnsNorAssessesIt() {
        LtiPrincipal verifier = person("iqa-1", AttestRole.ASSESSOR, OTHER_COURSE);
        LtiPrincipal someoneElse = person("tutor-2", AttestRole.ASSESSOR, OTHER_COURSE);
        Verifiers onlyIqa1 = (user, unit) -> user.subject().equals("iqa-1");

        assertThat(PortfolioAccess.mayRead(verifier, portfolio, onlyIqa1)).isTrue();
        assertThat(PortfolioAccess.requireReadable(verifier, portfolio, onlyIqa1)).isSameAs(portfolio);
        assertThat(PortfolioAccess.mayRead(verifier, portfolio, Verifiers.NONE)).as("no module answers").isFalse();
        assertThat(PortfolioAccess.mayRead(someoneElse, portfolio, onlyIqa1)).isFalse();
        assertThat(PortfolioAccess.mayAssess(verifier, portfolio)).isFalse();
        assertThat(PortfolioAccess.owns(verifier, portfolio)).isFalse();
        assertThatThrownBy(() -> PortfolioAccess.requireReadable(someoneElse, portfolio, onlyIqa1))
                .isInstanceOf(PortfolioRefused.class).hasMessage("that portfolio was not found, or is not yours to see");
    }

    @Test
    void courseWidePagesAreRefusedToLearnersWithTheReason() {
        assertThatThrownBy(() -> PortfolioAccess.requireAssessor(person("learner-1", AttestRole.LEARNER, COURSE),
                "the caseload is for assessors"))
                .isInstanceOf(PortfolioRefused.class).hasMessage("the caseload is for assessors")
                .extracting(e -> ((PortfolioRefused) e).kind()).isEqualTo(PortfolioRefused.Kind.FORBIDDEN);
    }

    @Test
    void onlyLearnersHaveAPortfolioAndOnlyTutorsAndCentreAdministratorsChooseAUnit() {
        PortfolioAccess.requireLearner(person("learner-1", AttestRole.LEARNER, COURSE), "only learners");
        PortfolioAccess.requireTutor(person("assessor-1", AttestRole.ASSESSOR, COURSE), "only tutors");
        PortfolioAccess.requireTutor(person("admin-1", AttestRole.CENTRE_ADMIN, COURSE), "only tutors");

        assertThatThrownBy(() -> PortfolioAccess.requireLearner(person("assessor-1", AttestRole.ASSESSOR, COURSE),
                "only learners have a portfolio in a course")).hasMessage("only learners have a portfolio in a course");
        assertThatThrownBy(() -> PortfolioAccess.requireTutor(person("learner-1", AttestRole.LEARNER, COURSE),
                "only tutors choose the unit of an activity")).hasMessage("only tutors choose the unit of an activity");
    }

    private static LtiPrincipal person(String subject, AttestRole role, Course course) {
        return new LtiPrincipal(course.platformId(), "https://lms.example.ac.uk", "client-1", course.deploymentId(),
                LtiPrincipal.RESOURCE_LINK_REQUEST, subject, subject, null, List.of(), Set.of(role), course.contextId(), "LAB",
                "Lab course", "link-1", "Unit R101", Map.of(), null, null, null, null, "en", Instant.now());
    }
}
