package org.attest.tool.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiPrincipal;
import org.junit.jupiter.api.Test;

/**
 * A centre administrator reads a learner unit only inside their own course export, on its thread, for the units it
 * holds; never before, after (even when the export failed), on another thread, or as someone else. And a course key
 * reads back as the course it names, and nothing else as one.
 */
class AdministratorExportsTest {

    private static final Course COURSE = new Course(UUID.randomUUID(), "1", "course/7 ünïcode");
    private static final LtiPrincipal ADMIN = person("admin-1", AttestRole.CENTRE_ADMIN);
    private final LearnerUnit exported = unit();
    private final LearnerUnit other = unit();

    @Test
    void theAdministratorReadsOnlyTheExportsUnitsAndOnlyWhileItRuns() throws Exception {
        assertThat(PortfolioAccess.mayRead(ADMIN, exported, Verifiers.NONE)).isFalse();
        boolean[] during = new boolean[4];
        AdministratorExports.during(ADMIN, Set.of(exported.id()), () -> {
            during[0] = PortfolioAccess.mayRead(ADMIN, exported, Verifiers.NONE);
            during[1] = PortfolioAccess.mayRead(ADMIN, other, Verifiers.NONE);
            during[2] = PortfolioAccess.mayRead(person("admin-2", AttestRole.CENTRE_ADMIN), exported, Verifiers.NONE);
            Thread elsewhere = new Thread(() -> during[3] = PortfolioAccess.mayRead(ADMIN, exported, Verifiers.NONE));
            elsewhere.start();
            try {
                elsewhere.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            // reading is all: no change is allowed
            assertThat(PortfolioAccess.mayAssess(ADMIN, exported)).isFalse();
            assertThat(PortfolioAccess.owns(ADMIN, exported)).isFalse();
        });
        assertThat(during).containsExactly(true, false, false, false);
        assertThat(PortfolioAccess.mayRead(ADMIN, exported, Verifiers.NONE)).isFalse();
    }

    @Test
    void aFailedExportClosesThePassToo() {
        assertThatThrownBy(() -> AdministratorExports.during(ADMIN, Set.of(exported.id()), () -> {
            throw new IOException("the download was cancelled");
        })).isInstanceOf(IOException.class);
        assertThat(PortfolioAccess.mayRead(ADMIN, exported, Verifiers.NONE)).isFalse();
    }

    @Test
    void aCourseKeyReadsBackAsItsCourseAndAnythingElseIsNoCourse() {
        assertThat(COURSE.key()).matches("[A-Za-z0-9_-]+");
        assertThat(Course.fromKey(COURSE.key())).contains(COURSE);
        assertThat(Course.fromKey("not-a-course")).isEmpty();
        assertThat(Course.fromKey("")).isEmpty();
        assertThat(Course.fromKey(null)).isEmpty();
        assertThat(Course.fromKey("%%%")).isEmpty();
        String twoParts = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                (COURSE.platformId() + "\n1").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Course.fromKey(twoParts)).isEmpty();
    }

    private static LearnerUnit unit() {
        return new LearnerUnit(UUID.randomUUID(), COURSE, "learner-1", "Lee Learner", UUID.randomUUID(), "R101",
                UUID.randomUUID(), 0, 3, false, false, 0, Instant.now());
    }

    private static LtiPrincipal person(String subject, AttestRole role) {
        return new LtiPrincipal(COURSE.platformId(), "https://lms.example.ac.uk", "client-1", COURSE.deploymentId(),
                LtiPrincipal.RESOURCE_LINK_REQUEST, subject, subject, null, List.of(), Set.of(role), "staff-room", "LAB",
                "Lab course", "link-1", "Unit R101", Map.of(), null, null, null, null, "en", Instant.now());
    }
}
