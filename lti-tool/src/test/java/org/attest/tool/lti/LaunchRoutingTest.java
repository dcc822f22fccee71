package org.attest.tool.lti;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.attest.tool.lti.CourseLinks.LinkedTask;
import org.attest.tool.lti.CourseLinks.LinkedUnit;
import org.attest.tool.lti.LaunchRouting.Destination.AdminHome;
import org.attest.tool.lti.LaunchRouting.Destination.Caseload;
import org.attest.tool.lti.LaunchRouting.Destination.ChooseUnit;
import org.attest.tool.lti.LaunchRouting.Destination.Landing;
import org.attest.tool.lti.LaunchRouting.Destination.PlaceUnits;
import org.attest.tool.lti.LaunchRouting.Destination.Portfolio;
import org.attest.tool.lti.LaunchRouting.Destination.Refused;
import org.attest.tool.lti.LaunchRouting.Destination.TaskPage;
import org.junit.jupiter.api.Test;

/** Every branch of where a launch lands, without Spring: the course links are answered by fakes that record what was asked. */
class LaunchRoutingTest {

    private static final UUID PLATFORM = UUID.randomUUID();
    private static final UUID TASK = UUID.randomUUID();
    private static final UUID PORTFOLIO = UUID.randomUUID();

    private final List<String> asked = new ArrayList<>();
    private Optional<LinkedTask> task = Optional.empty();
    private Optional<LinkedUnit> unit = Optional.empty();

    private final LaunchRouting routing = new LaunchRouting(new CourseLinks.Tasks() {
        @Override
        public Optional<LinkedTask> forLaunch(LtiPrincipal user) {
            asked.add("task");
            return task;
        }
    }, new CourseLinks.Units() {
        @Override
        public void launched(LtiPrincipal user) {
            asked.add("launched");
        }

        @Override
        public Optional<LinkedUnit> forLaunch(LtiPrincipal user) {
            asked.add("unit");
            return unit;
        }
    });

    /** A task link whose portfolio opening is recorded as "open task {unit}". */
    private LinkedTask linkedTask(UUID id, String unitCode) {
        return new LinkedTask() {
            @Override
            public UUID id() {
                return id;
            }

            @Override
            public String unitCode() {
                return unitCode;
            }

            @Override
            public UUID openForLearner(LtiPrincipal learner) {
                asked.add("open task " + unitCode);
                return PORTFOLIO;
            }
        };
    }

    /** A unit link whose portfolio opening is recorded as "open unit {unit}". */
    private LinkedUnit linkedUnit(String unitCode) {
        return new LinkedUnit() {
            @Override
            public String unitCode() {
                return unitCode;
            }

            @Override
            public UUID openForLearner(LtiPrincipal learner) {
                asked.add("open unit " + unitCode);
                return PORTFOLIO;
            }
        };
    }

    @Test
    void theOperatorWithoutACourseGoesToTheAdminPages() {
        LtiPrincipal operator = launch(null, LtiPrincipal.RESOURCE_LINK_REQUEST, "ctx", "link", Map.of(), AttestRole.CENTRE_ADMIN);

        assertThat(routing.route(operator)).isEqualTo(new AdminHome());
        assertThat(asked).isEmpty();
    }

    @Test
    void aTutorsOrCentreAdministratorsDeepLinkingRequestShowsTheUnitPicker() {
        assertThat(routing.route(deepLinking(AttestRole.ASSESSOR))).isEqualTo(new PlaceUnits());
        assertThat(routing.route(deepLinking(AttestRole.CENTRE_ADMIN))).isEqualTo(new PlaceUnits());
        assertThat(asked).isEmpty();
    }

    @Test
    void aLearnersDeepLinkingRequestIsRefused() {
        assertThat(routing.route(deepLinking(AttestRole.LEARNER))).isEqualTo(new Refused("only tutors place activities"));
        assertThat(asked).isEmpty();
    }

    @Test
    void aLaunchWithoutCourseOrLinkLandsOnTheAboutPageWithTheUnitItNames() {
        LtiPrincipal noLink = launch(PLATFORM, LtiPrincipal.RESOURCE_LINK_REQUEST, "ctx", null, Map.of("attest_unit", "224"),
                AttestRole.LEARNER);
        LtiPrincipal noCourse = launch(PLATFORM, LtiPrincipal.RESOURCE_LINK_REQUEST, null, "link", Map.of(), AttestRole.ASSESSOR);

        assertThat(routing.route(noLink)).isEqualTo(new Landing("224", false));
        assertThat(routing.route(noCourse)).isEqualTo(new Landing(null, false));
        assertThat(asked).isEmpty();
    }

    @Test
    void aTutorsLaunchOfATaskLinkGoesToTheTaskPageWithoutAskingForAUnit() {
        task = Optional.of(linkedTask(TASK, "224"));
        unit = Optional.of(linkedUnit("301"));

        assertThat(routing.route(course(AttestRole.ASSESSOR))).isEqualTo(new TaskPage(TASK));
        assertThat(asked).containsExactly("launched", "task");
    }

    @Test
    void aLearnersLaunchOfATaskLinkOpensTheirPortfolioForTheTasksUnit() {
        task = Optional.of(linkedTask(TASK, "224"));

        assertThat(routing.route(course(AttestRole.LEARNER))).isEqualTo(new Portfolio(PORTFOLIO, TASK));
        assertThat(asked).containsExactly("launched", "task", "open task 224");
    }

    @Test
    void aCentreAdministratorsLaunchOfATaskLinkLandsOnTheAboutPageWithTheTasksUnit() {
        task = Optional.of(linkedTask(TASK, "224"));

        assertThat(routing.route(course(AttestRole.CENTRE_ADMIN))).isEqualTo(new Landing("224", false));
    }

    @Test
    void aLearnersLaunchOfAUnitLinkOpensTheirPortfolio() {
        unit = Optional.of(linkedUnit("224"));

        assertThat(routing.route(course(AttestRole.LEARNER))).isEqualTo(new Portfolio(PORTFOLIO, null));
        assertThat(asked).containsExactly("launched", "task", "unit", "open unit 224");
    }

    @Test
    void anAssessorsLaunchOfAUnitLinkGoesToTheCaseloadForTheUnitEvenWhenAlsoALearner() {
        unit = Optional.of(linkedUnit("224"));

        assertThat(routing.route(course(AttestRole.ASSESSOR))).isEqualTo(new Caseload("224"));
        assertThat(routing.route(course(AttestRole.ASSESSOR, AttestRole.LEARNER))).isEqualTo(new Caseload("224"));
        assertThat(asked).doesNotContain("open unit 224");
    }

    @Test
    void aCentreAdministratorsLaunchOfAUnitLinkLandsOnTheAboutPageWithTheUnit() {
        unit = Optional.of(linkedUnit("224"));

        assertThat(routing.route(course(AttestRole.CENTRE_ADMIN))).isEqualTo(new Landing("224", false));
    }

    @Test
    void aTutorsOrCentreAdministratorsLaunchOfAnUnboundLinkAsksForItsUnit() {
        assertThat(routing.route(course(AttestRole.ASSESSOR))).isEqualTo(new ChooseUnit());
        assertThat(routing.route(course(AttestRole.CENTRE_ADMIN))).isEqualTo(new ChooseUnit());
    }

    @Test
    void aLearnersLaunchOfAnUnboundLinkSaysTheUnitIsNotChosenYet() {
        assertThat(routing.route(course(AttestRole.LEARNER))).isEqualTo(new Landing(null, true));
        assertThat(asked).containsExactly("launched", "task", "unit");
    }

    private static LtiPrincipal deepLinking(AttestRole role) {
        return launch(PLATFORM, LtiPrincipal.DEEP_LINKING_REQUEST, "ctx", null, Map.of(), role);
    }

    private static LtiPrincipal course(AttestRole... roles) {
        return launch(PLATFORM, LtiPrincipal.RESOURCE_LINK_REQUEST, "ctx", "link", Map.of(), roles);
    }

    private static LtiPrincipal launch(UUID platform, String messageType, String context, String link, Map<String, String> custom,
            AttestRole... roles) {
        Set<AttestRole> granted = EnumSet.noneOf(AttestRole.class);
        granted.addAll(List.of(roles));
        return new LtiPrincipal(platform, "https://lms.example", "client", "1", messageType, "user-1", "Sam", null, List.of(),
                granted, context, "LAB", "Lab", link, "Activity", custom, null, null, null, null, "en", Instant.now());
    }
}
