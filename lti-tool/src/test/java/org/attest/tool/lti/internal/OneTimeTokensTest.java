package org.attest.tool.lti.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.attest.tool.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One-time tokens (setup links, registration URLs) do not pile up, but the record that the operator set Attest up stays. */
class OneTimeTokensTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OneTimeTokens tokens;

    /** The context is shared: a used setup token left behind would tell other tests the operator had set Attest up. */
    @AfterEach
    void removeTestTokens() {
        jdbc.sql("DELETE FROM one_time_token WHERE token_hash IN ('old-expired', 'old-used', 'old-setup', 'fresh')").update();
    }

    @Test
    void oneTimeTokensUsedOrExpiredOverADayAgoAreRemovedButTheUsedSetupTokenStays() {
        Instant old = Instant.now().minus(2, ChronoUnit.DAYS);
        insertToken("old-expired", "REGISTRATION", old, null);
        insertToken("old-used", "REGISTRATION", Instant.now().plus(1, ChronoUnit.HOURS), old);
        insertToken("old-setup", "OPERATOR_SETUP", Instant.now().plus(1, ChronoUnit.HOURS), old);
        insertToken("fresh", "REGISTRATION", Instant.now().plus(1, ChronoUnit.HOURS), null);

        tokens.deleteOld();

        assertThat(jdbc.sql("SELECT token_hash FROM one_time_token WHERE token_hash IN ('old-expired', 'old-used', 'old-setup', 'fresh')")
                .query(String.class).list()).containsExactlyInAnyOrder("old-setup", "fresh");
    }

    private void insertToken(String hash, String purpose, Instant expires, Instant used) {
        jdbc.sql("INSERT INTO one_time_token (token_hash, purpose, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?)")
                .params(hash, purpose, Timestamp.from(expires.minus(3, ChronoUnit.DAYS)), Timestamp.from(expires),
                        used == null ? null : Timestamp.from(used))
                .update();
    }
}
