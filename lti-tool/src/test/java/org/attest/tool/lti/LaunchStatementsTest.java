package org.attest.tool.lti;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import org.attest.tool.IntegrationTest;
import org.attest.tool.StatementLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The SQL of lti's own tables (login_state, launch_session) in a login and a launch: one INSERT at login; at launch the
 * state is used up with one DELETE (nothing read first: the state says its platform, the nonce is its hash) and the
 * session is stored with one INSERT.
 */
@Import(StatementLog.Configuration.class)
class LaunchStatementsTest extends IntegrationTest {

    @Autowired
    StatementLog statements;

    @Autowired
    PlatformRegistry registry;

    TestPlatform moodle;

    @BeforeEach
    void registerPlatform() throws Exception {
        moodle = TestPlatform.start();
        moodle.register(registry);
    }

    @AfterEach
    void stopPlatform() {
        moodle.close();
    }

    @Test
    void aLaunchUsesTheLoginStateUpWithOneDeleteAndStoresTheSessionWithOneInsert() throws Exception {
        assertThat(moodle.fullLaunch(baseUrl()).statusCode()).isEqualTo(302); // keys fetched, platform read
        statements.clear();
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        List<String> login = ltiStatements();
        statements.clear();

        HttpResponse<String> launch = moodle.launch(baseUrl(), moodle.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build()),
                auth.state());

        assertThat(launch.statusCode()).as("page: %s", launch.body()).isEqualTo(302);
        assertThat(login).as("login (besides the once-a-second recount of logins in progress)")
                .filteredOn(sql -> !sql.startsWith("SELECT COUNT(*)"))
                .singleElement().asString().startsWith("INSERT INTO login_state");
        assertThat(ltiStatements()).as("launch").hasSize(2).satisfiesExactly(
                sql -> assertThat(sql).isEqualTo("DELETE FROM login_state WHERE state = ? AND expires_at > ?"),
                sql -> assertThat(sql).startsWith("INSERT INTO launch_session"));
    }

    @Test
    void aStateAlteredInTheBrowserIsRefusedAndTheLoginItCameFromStillLaunches() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = moodle.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build());
        String state = auth.state();
        String altered = state.substring(0, 10) + (state.charAt(10) == 'A' ? 'B' : 'A') + state.substring(11);

        HttpResponse<String> refused = moodle.launch(baseUrl(), idToken, altered);
        HttpResponse<String> launched = moodle.launch(baseUrl(), idToken, state);

        assertThat(refused.statusCode()).isEqualTo(401); // the altered state's nonce is not the token's either
        assertThat(refused.body()).containsAnyOf("STATE_UNKNOWN", "NONCE_MISMATCH");
        assertThat(launched.statusCode()).as("page: %s", launched.body()).isEqualTo(302);
    }

    private List<String> ltiStatements() {
        return statements.executed().stream().map(e -> e.sql().strip().replaceAll("\\s+", " ")).filter(sql -> {
            String lower = sql.toLowerCase(Locale.ROOT);
            return lower.contains("login_state") || lower.contains("launch_session");
        }).toList();
    }
}
