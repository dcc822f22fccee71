package org.attest.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The one-time bearer tokens the sandbox hands a tool with its registration URL; the tool presents
 * one when it posts its client registration. Single use, short-lived; only hashes are stored.
 */
@Component
@ConditionalOnSandbox
class RegistrationTokens {

    static final Duration VALID_FOR = Duration.ofMinutes(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    RegistrationTokens(SandboxDatabase database, Clock clock) {
        this.jdbc = database.jdbc();
        this.clock = clock;
    }

    String mint() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO sandbox_registration_token (token_hash, created_at, expires_at) VALUES (?, ?, ?)")
                .params(hash(token), Timestamp.from(now), Timestamp.from(now.plus(VALID_FOR)))
                .update();
        return token;
    }

    /** Whether the token is unused and unexpired, without using it. */
    boolean isValid(String token) {
        return token != null && jdbc.sql("""
                        SELECT COUNT(*) FROM sandbox_registration_token
                        WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?""")
                .params(hash(token), Timestamp.from(clock.instant())).query(Integer.class).single() == 1;
    }

    /** Uses the token up; false when it is unknown, expired or was used first by another request. */
    boolean consume(String token) {
        Instant now = clock.instant();
        return token != null && jdbc.sql("""
                        UPDATE sandbox_registration_token SET used_at = ?
                        WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?""")
                .params(Timestamp.from(now), hash(token), Timestamp.from(now)).update() == 1;
    }

    /** Each registration URL the sandbox hands out mints a token; those expired (or used) over a day ago go. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void deleteOld() {
        Timestamp before = Timestamp.from(clock.instant().minus(Duration.ofDays(1)));
        jdbc.sql("DELETE FROM sandbox_registration_token WHERE expires_at < ? OR used_at < ?").params(before, before).update();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
