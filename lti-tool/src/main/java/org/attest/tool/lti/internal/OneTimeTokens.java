package org.attest.tool.lti.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Single-use secrets for URLs: the operator's setup link and one-time Dynamic Registration URLs. Only hashes are stored. */
@Component
public class OneTimeTokens {

    public enum Purpose { OPERATOR_SETUP, REGISTRATION }

    /** How long a used or expired token is kept, so a second click on a link is still told it was used. */
    static final Duration KEPT_AFTER_USE = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    OneTimeTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public String mint(Purpose purpose, Duration validFor) {
        return mintFor(purpose, validFor, null);
    }

    /** A token that {@link #consume(String, Purpose, String)} accepts only for this value (null: for any). */
    public String mintFor(Purpose purpose, Duration validFor, String boundTo) {
        String token = SecretTokens.random() + SecretTokens.random();
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO one_time_token (token_hash, purpose, created_at, expires_at, bound_to) VALUES (?, ?, ?, ?, ?)")
                .params(SecretTokens.hash(token), purpose.name(), Timestamp.from(now), Timestamp.from(now.plus(validFor)), boundTo)
                .update();
        return token;
    }

    /** Whether the token is valid now, without using it. */
    public boolean isValid(String token, Purpose purpose) {
        return token != null && jdbc.sql("""
                        SELECT COUNT(*) FROM one_time_token
                        WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?""")
                .params(SecretTokens.hash(token), purpose.name(), Timestamp.from(clock.instant()))
                .query(Integer.class).single() == 1;
    }

    /** Uses the token; false if it is unknown, expired, for another purpose, bound to a value, or used already. */
    public boolean consume(String token, Purpose purpose) {
        return consume(token, purpose, null);
    }

    /**
     * Uses the token in one conditional UPDATE, so of two concurrent requests with one token only
     * one succeeds; false if it is unknown, expired, for another purpose, bound to another value
     * than {@code usedFor}, or used already.
     */
    public boolean consume(String token, Purpose purpose, String usedFor) {
        if (token == null) {
            return false;
        }
        Instant now = clock.instant();
        return jdbc.sql("""
                        UPDATE one_time_token SET used_at = ?
                        WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
                          AND (bound_to IS NULL OR bound_to = ?)""")
                .params(Timestamp.from(now), SecretTokens.hash(token), purpose.name(), Timestamp.from(now),
                        usedFor == null ? "" : usedFor)
                .update() == 1;
    }

    /** Makes a token consumed by a request that then failed usable again, so a failed registration does not spend its URL. */
    public void release(String token, Purpose purpose) {
        jdbc.sql("UPDATE one_time_token SET used_at = NULL WHERE token_hash = ? AND purpose = ? AND used_at IS NOT NULL")
                .params(SecretTokens.hash(token), purpose.name()).update();
    }

    /** Whether any token of this purpose was ever used (the operator has set up Attest). */
    boolean anyUsed(Purpose purpose) {
        return jdbc.sql("SELECT COUNT(*) FROM one_time_token WHERE purpose = ? AND used_at IS NOT NULL").param(purpose.name())
                .query(Integer.class).single() > 0;
    }

    /**
     * Removes tokens used or expired more than a day ago. Used setup tokens stay: they are how Attest
     * knows the operator has set it up, and there is one per setup link the operator asked for.
     */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void deleteOld() {
        Timestamp before = Timestamp.from(clock.instant().minus(KEPT_AFTER_USE));
        jdbc.sql("""
                        DELETE FROM one_time_token
                        WHERE (used_at IS NULL AND expires_at < ?) OR (used_at < ? AND purpose <> ?)""")
                .params(before, before, Purpose.OPERATOR_SETUP.name())
                .update();
    }
}
