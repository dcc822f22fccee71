package org.attest.tool.lti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attest.tool.lti.AttestRole.ASSESSOR;
import static org.attest.tool.lti.AttestRole.CENTRE_ADMIN;
import static org.attest.tool.lti.AttestRole.LEARNER;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** LTI role URIs and short names to Attest roles: context roles grant course work, institution roles only administration. */
class LtiRolesTest {

    private static final String LIS = "http://purl.imsglobal.org/vocab/lis/v2/";

    static Stream<Arguments> contextRolesAsFullUris() {
        return Stream.of(
                Arguments.of(LIS + "membership#Learner", Set.of(LEARNER)),
                Arguments.of(LIS + "membership#Instructor", Set.of(ASSESSOR)),
                Arguments.of(LIS + "membership#ContentDeveloper", Set.of(CENTRE_ADMIN)),
                Arguments.of(LIS + "membership#Administrator", Set.of(CENTRE_ADMIN)),
                Arguments.of(LIS + "membership#Mentor", Set.of()),
                Arguments.of(LIS + "membership#Member", Set.of()),
                Arguments.of(LIS + "membership#Manager", Set.of()),
                Arguments.of(LIS + "membership#Officer", Set.of()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("contextRolesAsFullUris")
    void mapsContextRolesGivenAsFullUris(String role, Set<AttestRole> expected) {
        assertThat(LtiRoles.map(List.of(role))).isEqualTo(expected);
    }

    static Stream<Arguments> subRoles() {
        return Stream.of(
                Arguments.of(LIS + "membership/Instructor#TeachingAssistant", Set.of(ASSESSOR)),
                Arguments.of(LIS + "membership/Instructor#Grader", Set.of(ASSESSOR)),
                Arguments.of(LIS + "membership/Instructor#PrimaryInstructor", Set.of(ASSESSOR)),
                Arguments.of(LIS + "membership/Learner#NonCreditLearner", Set.of(LEARNER)),
                Arguments.of(LIS + "membership/Learner#Learner", Set.of(LEARNER)),
                Arguments.of(LIS + "membership/ContentDeveloper#ContentExpert", Set.of(CENTRE_ADMIN)),
                Arguments.of(LIS + "membership/Administrator#Support", Set.of(CENTRE_ADMIN)),
                // the principal role decides, not the name of the sub-role
                Arguments.of(LIS + "membership/Mentor#Instructor", Set.of()),
                Arguments.of(LIS + "membership/Learner#Instructor", Set.of(LEARNER)),
                Arguments.of(LIS + "membership/Mentor#Advisor", Set.of()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("subRoles")
    void mapsSubRolesByTheirPrincipalRole(String role, Set<AttestRole> expected) {
        assertThat(LtiRoles.map(List.of(role))).isEqualTo(expected);
    }

    static Stream<Arguments> shortForms() {
        return Stream.of(
                Arguments.of("Learner", Set.of(LEARNER)),
                Arguments.of("Instructor", Set.of(ASSESSOR)),
                Arguments.of("TeachingAssistant", Set.of(ASSESSOR)),
                Arguments.of("ContentDeveloper", Set.of(CENTRE_ADMIN)),
                Arguments.of("Administrator", Set.of(CENTRE_ADMIN)),
                Arguments.of("Mentor", Set.of()),
                Arguments.of(" Learner ", Set.of(LEARNER)));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @MethodSource("shortForms")
    void mapsShortFormsAsContextRoles(String role, Set<AttestRole> expected) {
        assertThat(LtiRoles.map(List.of(role))).isEqualTo(expected);
    }

    static Stream<Arguments> institutionAndSystemRoles() {
        return Stream.of(
                Arguments.of(LIS + "institution/person#Administrator", Set.of(CENTRE_ADMIN)),
                Arguments.of(LIS + "system/person#Administrator", Set.of(CENTRE_ADMIN)),
                Arguments.of(LIS + "system/person#SysAdmin", Set.of(CENTRE_ADMIN)),
                // an institution's instructors and students are not teaching or studying this course
                Arguments.of(LIS + "institution/person#Instructor", Set.of()),
                Arguments.of(LIS + "institution/person#Faculty", Set.of()),
                Arguments.of(LIS + "institution/person#Student", Set.of()),
                Arguments.of(LIS + "institution/person#Learner", Set.of()),
                Arguments.of(LIS + "institution/person#Mentor", Set.of()),
                Arguments.of(LIS + "institution/person#Staff", Set.of()),
                Arguments.of(LIS + "system/person#User", Set.of()),
                Arguments.of(LIS + "system/person#AccountAdmin", Set.of()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("institutionAndSystemRoles")
    void institutionAndSystemRolesGrantOnlyAdministration(String role, Set<AttestRole> expected) {
        assertThat(LtiRoles.map(List.of(role))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
            "", "   ", "Guest", "Observer", "learner", "INSTRUCTOR", "Student#Instructor", "Foo#Administrator",
            "http://purl.imsglobal.org/vocab/lti/system/person#TestUser",
            "http://purl.imsglobal.org/vocab/lis/v2/membershipExtra#Instructor",
            "http://purl.imsglobal.org/vocab/lis/v2/membership#",
            "http://purl.imsglobal.org/vocab/lis/v2/institutionX/person#Administrator",
            "https://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
            "https://example.com/roles/membership#Instructor",
            "https://example.com/roles#Administrator",
            "urn:lti:role:ims/lis/Instructor",
            "urn:lti:instrole:ims/lis/Administrator"})
    void unknownRolesGrantNothing(String role) {
        assertThat(LtiRoles.map(List.of(role))).isEmpty();
    }

    @Test
    void moodleSiteAdministratorTeachingACourseIsAssessorAndCentreAdmin() {
        assertThat(LtiRoles.map(List.of(LIS + "institution/person#Administrator", LIS + "membership#Instructor",
                LIS + "system/person#Administrator"))).containsExactlyInAnyOrder(ASSESSOR, CENTRE_ADMIN);
    }

    @Test
    void canvasStudentIsOnlyALearner() {
        assertThat(LtiRoles.map(List.of(LIS + "institution/person#Student", LIS + "membership#Learner", LIS + "system/person#User")))
                .containsExactly(LEARNER);
    }

    @Test
    void mixesFullUrisAndShortFormsAsNrpsAndLaunchesDo() {
        assertThat(LtiRoles.map(List.of("Instructor", LIS + "membership#Learner"))).containsExactlyInAnyOrder(ASSESSOR, LEARNER);
    }

    @Test
    void noRolesOrOnlyBlankOnesGrantNothing() {
        assertThat(LtiRoles.map(List.of())).isEmpty();
        assertThat(LtiRoles.map(Arrays.asList(null, "", " "))).isEmpty();
    }
}
