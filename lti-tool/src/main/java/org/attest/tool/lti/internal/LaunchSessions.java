package org.attest.tool.lti.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.LtiProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signed-in state of one launch, kept server-side and reached through an unguessable token
 * that the tool's pages carry in their URLs ({@code /s/{token}/...}). Inside an LMS iframe the
 * browser often blocks third-party cookies, so no cookie is needed; and because the token is not
 * sent automatically by the browser, cross-site request forgery cannot ride on it. Only the token's
 * SHA-256 is stored.
 */
@Component
public class LaunchSessions {

    public enum Status { ACTIVE, AWAITING_STORAGE }

    public record Session(String tokenHash, LtiPrincipal principal, Status status, String expectedState, Instant expiresAt,
            Instant lastSeenAt) {
    }

    /** A session's last request is recorded at most this often, so reading pages does not write on every request. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    /** How many sessions' principals are kept parsed (the least recently used go first). */
    static final int PRINCIPALS_KEPT = 2_000;

    /**
     * Each session's principal, parsed: it never changes for a session, so a page reads its JSON at most once per
     * replica (the row is still read on every request, and alone decides whether the session is valid).
     */
    private final RecentlyUsed<String, LtiPrincipal> principals;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final LtiProperties properties;

    @Autowired
    LaunchSessions(JdbcClient jdbc, Clock clock, LtiProperties properties) {
        this(jdbc, clock, properties, PRINCIPALS_KEPT);
    }

    LaunchSessions(JdbcClient jdbc, Clock clock, LtiProperties properties, int principalsKept) {
        this.principals = new RecentlyUsed<>(principalsKept);
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** Starts a session; returns the token the pages will carry. */
    public String start(LtiPrincipal principal, Status status, String expectedState) {
        String token = SecretTokens.doubleRandom();
        String hash = SecretTokens.hash(token);
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO launch_session (token_hash, principal, status, expected_state, created_at, expires_at, last_seen_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(hash, JSON.writeValueAsString(principal), status.name(), expectedState, Timestamp.from(now),
                        Timestamp.from(now.plus(properties.lti().sessionTtl())), Timestamp.from(now))
                .update();
        remember(hash, principal);
        return token;
    }

    /**
     * The session this token names, while it is within both its absolute life ({@code attest.lti.session-ttl}) and its
     * idle timeout ({@code attest.lti.session-idle-timeout}); finding it counts as activity.
     */
    public Optional<Session> find(String token) {
        if (token == null || token.length() < 32 || token.length() > 128) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Session> session = jdbc.sql("""
                        SELECT token_hash, principal, status, expected_state, expires_at, last_seen_at
                        FROM launch_session WHERE token_hash = ?""")
                .param(SecretTokens.hash(token))
                .query((rs, n) -> new Session(rs.getString("token_hash"), principal(rs.getString("token_hash"), rs.getString("principal")),
                        Status.valueOf(rs.getString("status")), rs.getString("expected_state"), rs.getTimestamp("expires_at").toInstant(),
                        rs.getTimestamp("last_seen_at").toInstant()))
                .optional()
                .filter(s -> s.expiresAt().isAfter(now))
                .filter(s -> s.lastSeenAt().plus(properties.lti().sessionIdleTimeout()).isAfter(now));
        session.filter(s -> !s.lastSeenAt().plus(TOUCH_EVERY).isAfter(now)).ifPresent(s ->
                jdbc.sql("UPDATE launch_session SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?")
                        .params(Timestamp.from(now), s.tokenHash(), Timestamp.from(now)).update());
        return session;
    }

    /**
     * Sessions within their life and idle timeout, on every replica: one count for the metrics (cached there), never
     * on the launch path. A session's last request is recorded at most every {@link #TOUCH_EVERY}, so a session idle for
     * almost the whole timeout may be missed by that much.
     */
    public long activeCount() {
        Instant now = clock.instant();
        return jdbc.sql("SELECT COUNT(*) FROM launch_session WHERE status = 'ACTIVE' AND expires_at > ? AND last_seen_at > ?")
                .params(Timestamp.from(now), Timestamp.from(now.minus(properties.lti().sessionIdleTimeout())))
                .query(Long.class).single();
    }

    /** The platform's client-side storage returned the state this launch began with: the browser is the one that logged in. */
    public boolean confirmStorage(String token, String state) {
        return jdbc.sql("UPDATE launch_session SET status = 'ACTIVE' WHERE token_hash = ? AND status = 'AWAITING_STORAGE' AND expected_state = ?")
                .params(SecretTokens.hash(token), state).update() == 1;
    }

    public void end(String token) {
        String hash = SecretTokens.hash(token);
        jdbc.sql("DELETE FROM launch_session WHERE token_hash = ?").param(hash).update();
        principals.remove(hash);
    }

    private LtiPrincipal principal(String hash, String json) {
        LtiPrincipal known = principals.get(hash);
        if (known != null) {
            return known;
        }
        LtiPrincipal parsed = JSON.readValue(json, LtiPrincipal.class);
        remember(hash, parsed);
        return parsed;
    }

    private void remember(String hash, LtiPrincipal principal) {
        principals.put(hash, principal);
    }

    @Scheduled(fixedDelayString = "PT5M")
    void deleteExpired() {
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM launch_session WHERE expires_at < ? OR last_seen_at < ?")
                .params(Timestamp.from(now), Timestamp.from(now.minus(properties.lti().sessionIdleTimeout()))).update();
        principals.clear(); // ended sessions' principals go too; the live ones are parsed again once
    }
}
