package org.attest.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.attest.tool.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** The sandbox keeps its data in its own database: Attest's has no sandbox table and no sandbox key. */
@TestPropertySource(properties = {"attest.sandbox.enabled=true", "attest.sandbox.base-url=http://localhost:${server.port}/sandbox"})
class SandboxDatabaseTest extends IntegrationTest {

    @Autowired
    JdbcClient attest;

    @Autowired
    SandboxDatabase sandbox;

    @Test
    void theSandboxRegisteredAttestInItsOwnDatabaseAndAttestsHoldsNothingOfTheSandboxs() {
        assertThat(sandbox.jdbc().sql("SELECT COUNT(*) FROM sandbox_registration").query(Integer.class).single()).isPositive();
        assertThat(sandbox.jdbc().sql("SELECT COUNT(*) FROM sandbox_link").query(Integer.class).single()).isPositive();

        assertThat(attest.sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = CURRENT_SCHEMA "
                + "AND LOWER(table_name) LIKE 'sandbox%'")
                .query(Integer.class).single()).isZero();
        assertThat(attest.sql("SELECT DISTINCT owner FROM tool_key").query(String.class).list()).containsOnly("TOOL");
    }
}
