package org.attest.tool.lti;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.attest.tool.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Login initiations are anonymous, and each stores a state: a platform may have at most
 * attest.lti.max-login-states-per-platform (3 here) in progress; more are refused and store nothing,
 * while other platforms sign in as before.
 */
// A context of its own: closed after the class, so its database connections go back (PostgreSQL run).
@DirtiesContext
@TestPropertySource(properties = "attest.lti.max-login-states-per-platform=3")
class LoginStateCeilingTest extends IntegrationTest {

    @Autowired
    PlatformRegistry registry;

    @Autowired
    JdbcClient jdbc;

    TestPlatform full;
    TestPlatform other;

    @BeforeEach
    void platforms() throws Exception {
        full = TestPlatform.start();
        other = TestPlatform.start();
        full.register(registry);
        other.register(registry);
    }

    @AfterEach
    void stop() {
        full.close();
        other.close();
    }

    @Test
    void loginsBeyondThePlatformsCeilingAreRefusedAndStoreNothing() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(full.login(baseUrl()).status()).isEqualTo(302);
        }
        UUID platformId = registry.find(full.issuer, full.clientId).orElseThrow().id();

        TestPlatform.AuthRequest refused = full.login(baseUrl());

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body()).contains("TOO_MANY_LOGINS", "3 sign-ins in progress already", "nothing was stored");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM login_state WHERE platform_id = ?").param(platformId)
                .query(Integer.class).single()).isEqualTo(3);
        assertThat(other.login(baseUrl()).status()).as("another platform").isEqualTo(302);
    }

    @Test
    void aLaunchThatUsesItsStateMakesRoomAgain() throws Exception {
        for (int i = 0; i < 2; i++) {
            assertThat(full.login(baseUrl()).status()).isEqualTo(302);
        }
        assertThat(full.fullLaunch(baseUrl()).statusCode()).isEqualTo(302);

        // After the count is read again (once a second), the used state no longer counts.
        long until = System.nanoTime() + 5_000_000_000L;
        int status;
        do {
            status = full.login(baseUrl()).status();
        } while (status == 503 && System.nanoTime() < until);
        assertThat(status).isEqualTo(302);
    }
}
