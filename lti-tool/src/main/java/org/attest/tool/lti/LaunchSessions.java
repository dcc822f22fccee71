package org.attest.tool.lti;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
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

    public record Session(String tokenHash, LtiPrincipal principal, Status status, String expectedState, Instant expiresAt) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final LtiProperties properties;

    LaunchSessions(JdbcClient jdbc, Clock clock, LtiProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** Starts a session; returns the token the pages will carry. */
    public String start(LtiPrincipal principal, Status status, String expectedState) {
        String token = LoginStates.randomToken() + LoginStates.randomToken();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO launch_session (token_hash, principal, status, expected_state, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(hash(token), JSON.writeValueAsString(principal), status.name(), expectedState, Timestamp.from(now),
                        Timestamp.from(now.plus(properties.lti().sessionTtl())))
                .update();
        return token;
    }

    public Optional<Session> find(String token) {
        if (token == null || token.length() < 32 || token.length() > 128) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT token_hash, principal, status, expected_state, expires_at FROM launch_session WHERE token_hash = ?")
                .param(hash(token))
                .query((rs, n) -> new Session(rs.getString("token_hash"), JSON.readValue(rs.getString("principal"), LtiPrincipal.class),
                        Status.valueOf(rs.getString("status")), rs.getString("expected_state"), rs.getTimestamp("expires_at").toInstant()))
                .optional()
                .filter(s -> s.expiresAt().isAfter(clock.instant()));
    }

    /** The platform's client-side storage returned the state this launch began with: the browser is the one that logged in. */
    boolean confirmStorage(String token, String state) {
        return jdbc.sql("UPDATE launch_session SET status = 'ACTIVE' WHERE token_hash = ? AND status = 'AWAITING_STORAGE' AND expected_state = ?")
                .params(hash(token), state).update() == 1;
    }

    public void end(String token) {
        jdbc.sql("DELETE FROM launch_session WHERE token_hash = ?").param(hash(token)).update();
    }

    @Scheduled(fixedDelayString = "PT5M")
    void deleteExpired() {
        jdbc.sql("DELETE FROM launch_session WHERE expires_at < ?").param(Timestamp.from(clock.instant())).update();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
