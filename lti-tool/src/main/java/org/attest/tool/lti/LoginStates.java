package org.attest.tool.lti;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * State and nonce of OIDC logins in progress, kept in the database so any replica can finish a
 * launch another began; single use and short-lived (a few hundred bytes per login).
 */
@Component
class LoginStates {

    record Login(String state, String nonce, UUID platformId, String storageTarget, Instant expiresAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final LtiProperties properties;

    LoginStates(JdbcClient jdbc, Clock clock, LtiProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    Login begin(UUID platformId, String storageTarget) {
        Login login = new Login(randomToken(), randomToken(), platformId, storageTarget,
                clock.instant().plus(properties.lti().loginStateTtl()));
        jdbc.sql("INSERT INTO login_state (state, nonce, platform_id, storage_target, expires_at) VALUES (?, ?, ?, ?, ?)")
                .params(login.state(), login.nonce(), login.platformId(), storageTarget, Timestamp.from(login.expiresAt()))
                .update();
        return login;
    }

    /** The login for this state, if it exists and has not expired; does not use it up. */
    Optional<Login> find(String state) {
        return jdbc.sql("SELECT state, nonce, platform_id, storage_target, expires_at FROM login_state WHERE state = ?")
                .param(state)
                .query((rs, n) -> new Login(rs.getString("state"), rs.getString("nonce"), rs.getObject("platform_id", UUID.class),
                        rs.getString("storage_target"), rs.getTimestamp("expires_at").toInstant()))
                .optional()
                .filter(l -> l.expiresAt().isAfter(clock.instant()));
    }

    /** Uses the state up; false when another request used it first (a replay). */
    boolean consume(String state) {
        return jdbc.sql("DELETE FROM login_state WHERE state = ?").param(state).update() == 1;
    }

    @Scheduled(fixedDelayString = "PT1M")
    void deleteExpired() {
        jdbc.sql("DELETE FROM login_state WHERE expires_at < ?").param(Timestamp.from(clock.instant())).update();
    }

    static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
