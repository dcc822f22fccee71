package org.attest.tool.lti.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.TestDatabase;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.LtiProperties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

@Tag("database")
class LaunchSessionsTest {

    private final JdbcClient jdbc = TestDatabase.migrated();
    private final LtiProperties properties = new LtiProperties(URI.create("http://127.0.0.1:8080"),
            new LtiProperties.Launch(Duration.ofSeconds(60), Duration.ofMinutes(5), 10_000, Duration.ofHours(8),
                    Duration.ofHours(2), 65_536, Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofHours(24)),
            new LtiProperties.Registration(false));
    /** Keeps 50 principals, so that the test fills it quickly on PostgreSQL too. */
    private final LaunchSessions sessions = new LaunchSessions(jdbc, Clock.systemUTC(), properties, 50);

    /**
     * The page a launch lands on reads the session this replica started, and finds the principal the launch already
     * had (the same object, not parsed again from the row), though the memo is full of other sessions read more than
     * once and 20 more launches started in between.
     */
    @Test
    void thePageALaunchLandsOnUsesThePrincipalTheLaunchHadWithoutParsingIt() {
        for (int i = 0; i < 60; i++) {
            String earlier = sessions.start(learner("earlier-" + i), LaunchSessions.Status.ACTIVE, null);
            sessions.find(earlier);
            sessions.find(earlier);
        }
        LtiPrincipal sam = learner("sam");
        String token = sessions.start(sam, LaunchSessions.Status.ACTIVE, null);
        for (int i = 0; i < 20; i++) {
            sessions.start(learner("meanwhile-" + i), LaunchSessions.Status.ACTIVE, null);
        }
        assertThat(sessions.find(token)).hasValueSatisfying(s -> assertThat(s.principal()).isSameAs(sam));
    }

    /** Another replica started the session: this one parses the row once and then keeps what it parsed. */
    @Test
    void aSessionStartedElsewhereIsParsedOnceAndEqualsWhatWasStored() {
        LtiPrincipal sam = learner("sam");
        String token = new LaunchSessions(jdbc, Clock.systemUTC(), properties).start(sam, LaunchSessions.Status.ACTIVE, null);
        LtiPrincipal first = sessions.find(token).orElseThrow().principal();
        assertThat(first).isEqualTo(sam).isNotSameAs(sam);
        assertThat(sessions.find(token).orElseThrow().principal()).isSameAs(first);
    }

    private static LtiPrincipal learner(String subject) {
        return new LtiPrincipal(UUID.fromString("00000000-0000-0000-0000-0000000000b1"), "https://lms.example", "client", "1",
                LtiPrincipal.RESOURCE_LINK_REQUEST, subject, "Sam", null, List.of(), EnumSet.of(AttestRole.LEARNER), "course",
                "LAB", "Lab", "link", "Activity", Map.of(), null, null, null, null, "en", Instant.parse("2026-12-06T09:00:00Z"));
    }
}
