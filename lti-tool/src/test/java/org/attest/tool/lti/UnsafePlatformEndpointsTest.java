package org.attest.tool.lti;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.IntegrationTest;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Platforms stored before endpoints were checked may hold a {@code javascript:} (or other non-web) URL: the login never
 * sends a browser there, and the migration that shipped with the check switches such platforms off.
 */
class UnsafePlatformEndpointsTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformRegistry registry;

    @Test
    void loginNeverRedirectsToAStoredJavascriptAuthorizationEndpoint() throws Exception {
        String issuer = "https://old.example.ac.uk";
        UUID platform = insertPlatform(jdbc, issuer, "javascript:alert(document.domain)//", true);

        HttpResponse<String> login = TestPlatform.post(baseUrl() + "/lti/login", Map.of("iss", issuer, "client_id", "c1",
                "login_hint", "4", "target_link_uri", baseUrl() + "/lti/launch", "lti_storage_target", "_parent"));

        assertThat(login.statusCode()).isEqualTo(LaunchFailure.PLATFORM_DISABLED.status());
        assertThat(login.headers().firstValue("Location")).isEmpty();
        assertThat(login.body()).contains("not an http(s) URL").doesNotContain("data-auth-url");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM login_state WHERE platform_id = ?").param(platform).query(Integer.class).single())
                .isZero();
    }

    @Test
    void migrationSwitchesOffPlatformsWithNonWebEndpointsAndLeavesOthersAlone() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:unsafe-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").target("16").load().migrate();
        JdbcClient db = JdbcClient.create(h2);
        insertPlatform(db, "https://bad.example", "JavaScript:alert(1)", true);
        insertPlatform(db, "https://good.example", "https://good.example/mod/lti/auth.php", true);

        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();

        assertThat(db.sql("SELECT enabled FROM platform WHERE issuer = 'https://bad.example'").query(Boolean.class).single()).isFalse();
        assertThat(db.sql("SELECT enabled FROM platform WHERE issuer = 'https://good.example'").query(Boolean.class).single()).isTrue();
    }

    private static UUID insertPlatform(JdbcClient db, String issuer, String authorizationEndpoint, boolean enabled) {
        UUID id = UUID.randomUUID();
        db.sql("""
                INSERT INTO platform (id, issuer, client_id, name, authorization_endpoint, token_endpoint, jwks_uri,
                                      product_family, registered_by, enabled, created_at)
                VALUES (?, ?, 'c1', 'Old', ?, NULL, ?, NULL, 'DYNAMIC', ?, ?)""")
                .params(id, issuer, authorizationEndpoint, issuer + "/jwks", enabled, Timestamp.from(Instant.now())).update();
        db.sql("INSERT INTO deployment (platform_id, deployment_id, name, created_at) VALUES (?, '1', NULL, ?)")
                .params(id, Timestamp.from(Instant.now())).update();
        return id;
    }
}
