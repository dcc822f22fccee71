package org.attest.tool.lti;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.attest.tool.lti.internal.SecretTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * State and nonce of OIDC logins in progress, kept in the database so any replica can finish a
 * launch another began; single use and short-lived (a few hundred bytes per login). A platform may
 * have at most {@code attest.lti.max-login-states-per-platform} at once, so anonymous login
 * initiations cannot fill the database: the count is read at most once a second per platform and
 * replica, and counted on from there, so a login costs no COUNT query.
 */
@Component
class LoginStates {

    record Login(String state, String nonce, UUID platformId, String storageTarget, Instant expiresAt) {
    }

    private static final long RECOUNT_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Logins in progress for one platform, as counted at {@code countedAt} (System.nanoTime) plus those begun here since. */
    private record LiveCount(long countedAt, AtomicInteger count) {
    }

    private final ConcurrentMap<UUID, LiveCount> live = new ConcurrentHashMap<>();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final LtiProperties properties;

    LoginStates(JdbcClient jdbc, Clock clock, LtiProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Stores a new login's state and nonce.
     *
     * @throws LaunchRejectedException (TOO_MANY_LOGINS) when the platform has its most logins in progress; nothing is stored
     */
    Login begin(UUID platformId, String storageTarget) {
        LiveCount inProgress = live.compute(platformId, (id, known) -> known != null
                && System.nanoTime() - known.countedAt() < RECOUNT_AFTER_NANOS ? known : new LiveCount(System.nanoTime(),
                new AtomicInteger(countLive(id))));
        int max = properties.lti().maxLoginStatesPerPlatform();
        if (inProgress.count().get() >= max) {
            throw LaunchValidator.reject(LaunchFailure.TOO_MANY_LOGINS, "this platform has " + max + " sign-ins in progress "
                    + "already, the most Attest keeps at once; nothing was stored. Sign-ins that are not finished expire after "
                    + properties.lti().loginStateTtl().toMinutes() + " minutes: try again in a few minutes");
        }
        Login login = new Login(SecretTokens.random(), SecretTokens.random(), platformId, storageTarget,
                clock.instant().plus(properties.lti().loginStateTtl()));
        jdbc.sql("INSERT INTO login_state (state, nonce, platform_id, storage_target, expires_at) VALUES (?, ?, ?, ?, ?)")
                .params(login.state(), login.nonce(), login.platformId(), storageTarget, Timestamp.from(login.expiresAt()))
                .update();
        inProgress.count().incrementAndGet();
        return login;
    }

    private int countLive(UUID platformId) {
        return jdbc.sql("SELECT COUNT(*) FROM login_state WHERE platform_id = ? AND expires_at > ?")
                .params(platformId, Timestamp.from(clock.instant())).query(Integer.class).single();
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

}
