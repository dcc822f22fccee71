package org.attest.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The sandbox's database stays open between statements whatever URL is set, and is shut down when the sandbox stops. */
class SandboxDatabaseConnectionsTest {

    private static SandboxDatabase open(String url) {
        return new SandboxDatabase(new SandboxProperties(URI.create("http://localhost:8080/sandbox"),
                URI.create("http://127.0.0.1:8080"), SandboxLms.MOODLE, url));
    }

    @Test
    void staysOpenBetweenStatementsOnAUrlWithoutCloseDelay() throws Exception {
        // an in-memory database without DB_CLOSE_DELAY vanishes when its last connection closes, schema and all
        SandboxDatabase database = open("jdbc:h2:mem:sandbox-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        try {
            assertThat(database.jdbc().sql("SELECT COUNT(*) FROM sandbox_registration").query(Integer.class).single()).isZero();
            database.jdbc().sql("INSERT INTO sandbox_registration_token (token_hash, created_at, expires_at) VALUES ('t', NOW(), NOW())").update();
            assertThat(database.jdbc().sql("SELECT COUNT(*) FROM sandbox_registration_token").query(Integer.class).single()).isOne();
        } finally {
            database.destroy();
        }
    }

    @Test
    void stoppingShutsDownADatabaseKeptOpenByCloseDelay() throws Exception {
        String url = "jdbc:h2:mem:sandbox-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        open(url).destroy();

        assertThatThrownBy(() -> DriverManager.getConnection(url + ";IFEXISTS=TRUE", "sandbox", "").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("not found");
    }
}
