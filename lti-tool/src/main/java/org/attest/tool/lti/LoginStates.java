package org.attest.tool.lti;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
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
 *
 * <p>The state carries what a launch needs before it may use the state up: the platform's id, and a mark when the login
 * has a storage target; the nonce is the SHA-256 of the state (as OIDC Core 15.5.2 suggests), so it needs no lookup
 * either. So a launch reads nothing here: it checks the token against what the state says, then uses the state up with
 * one {@code DELETE ... WHERE state = ? AND expires_at > ?}, which alone decides whether the state was issued here,
 * unused and unexpired (the row holds the whole state, so a state altered in the browser matches no row). A launch
 * that fails a check never reaches that statement and leaves the state as it was.
 */
@Component
class LoginStates {

    record Login(String state, String nonce, UUID platformId, String storageTarget, Instant expiresAt) {
    }

    /** What a state says of its login, read from the state itself; only {@link #consume} proves it was issued here. */
    record Claimed(String state, String nonce, UUID platformId, boolean hasStorageTarget) {
    }

    /** Between the random part and the platform id; '.' is not in the base64url alphabet. */
    private static final char SEPARATOR = '.';
    /** Ends a state whose login has a storage target. */
    private static final char STORAGE_MARK = 's';
    private static final int RANDOM_LENGTH = 32;
    private static final int PLATFORM_LENGTH = 22;

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
        String state = SecretTokens.random() + SEPARATOR + base64url(platformId) + (storageTarget == null ? "" : String.valueOf(STORAGE_MARK));
        Login login = new Login(state, nonce(state), platformId, storageTarget, clock.instant().plus(properties.lti().loginStateTtl()));
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

    /**
     * What this state says of its login, without a lookup; empty when it is not in the form Attest issues. A state with
     * a storage target is the one case that reads: the target is in the row, not in the state.
     */
    Optional<Login> claimed(String state) {
        Optional<Claimed> claimed = parse(state);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        Claimed c = claimed.get();
        if (!c.hasStorageTarget()) {
            return Optional.of(new Login(c.state(), c.nonce(), c.platformId(), null, null));
        }
        return jdbc.sql("SELECT storage_target, expires_at FROM login_state WHERE state = ?")
                .param(state)
                .query((rs, n) -> new Login(c.state(), c.nonce(), c.platformId(), rs.getString("storage_target"),
                        rs.getTimestamp("expires_at").toInstant()))
                .optional()
                .filter(l -> l.storageTarget() != null && l.expiresAt().isAfter(clock.instant()));
    }

    static Optional<Claimed> parse(String state) {
        if (state == null || state.length() < RANDOM_LENGTH + 1 + PLATFORM_LENGTH || state.length() > RANDOM_LENGTH + 2 + PLATFORM_LENGTH
                || state.charAt(RANDOM_LENGTH) != SEPARATOR) {
            return Optional.empty();
        }
        boolean storage = state.length() == RANDOM_LENGTH + 2 + PLATFORM_LENGTH;
        if (storage && state.charAt(state.length() - 1) != STORAGE_MARK) {
            return Optional.empty();
        }
        byte[] id;
        try {
            id = Base64.getUrlDecoder().decode(state.substring(RANDOM_LENGTH + 1, RANDOM_LENGTH + 1 + PLATFORM_LENGTH));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        ByteBuffer bytes = ByteBuffer.wrap(id);
        return Optional.of(new Claimed(state, nonce(state), new UUID(bytes.getLong(), bytes.getLong()), storage));
    }

    /** The nonce sent with the login of this state: its SHA-256, so the launch needs no lookup to compare it. */
    static String nonce(String state) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("nonce " + state).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private static String base64url(UUID id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array());
    }

    /**
     * Uses the state up, in one statement: false when it was never issued here (or altered), is expired, or another
     * request used it first (a replay).
     */
    boolean consume(String state) {
        return jdbc.sql("DELETE FROM login_state WHERE state = ? AND expires_at > ?")
                .params(state, Timestamp.from(clock.instant())).update() == 1;
    }

    @Scheduled(fixedDelayString = "PT1M")
    void deleteExpired() {
        jdbc.sql("DELETE FROM login_state WHERE expires_at < ?").param(Timestamp.from(clock.instant())).update();
    }

}
