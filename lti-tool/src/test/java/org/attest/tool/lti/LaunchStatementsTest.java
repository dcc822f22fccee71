package org.attest.tool.lti;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.attest.tool.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The SQL of lti's own tables (login_state, launch_session) in a login and a launch: one INSERT at login; at launch the
 * state is used up with one DELETE (nothing read first: the state says its platform, the nonce is its hash) and the
 * session is stored with one INSERT.
 */
class LaunchStatementsTest extends IntegrationTest {

    /** SQL prepared by request threads, for the tables of this test. */
    static final Queue<String> STATEMENTS = new ConcurrentLinkedQueue<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class RecordedStatements {
        @Bean
        static BeanPostProcessor recordStatements() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof DataSource dataSource && !(bean instanceof DelegatingDataSource) ? recording(dataSource) : bean;
                }
            };
        }

        private static DataSource recording(DataSource target) {
            return new DelegatingDataSource(target) {
                @Override
                public Connection getConnection() throws java.sql.SQLException {
                    Connection connection = super.getConnection();
                    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (proxy, method, args) -> {
                                if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql
                                        && Thread.currentThread().getName().startsWith("http-")) {
                                    STATEMENTS.add(sql.strip().replaceAll("\\s+", " "));
                                }
                                try {
                                    return method.invoke(connection, args);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                }
            };
        }
    }

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
        STATEMENTS.clear();
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        List<String> login = ltiStatements();
        STATEMENTS.clear();

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

    private static List<String> ltiStatements() {
        return STATEMENTS.stream().filter(sql -> {
            String lower = sql.toLowerCase(Locale.ROOT);
            return lower.contains("login_state") || lower.contains("launch_session");
        }).toList();
    }
}
