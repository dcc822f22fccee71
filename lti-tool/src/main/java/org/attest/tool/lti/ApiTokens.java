package org.attest.tool.lti;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Long-lived bearer tokens for scripts, such as {@code standards-import --push}: a centre
 * administrator makes one on the Frameworks admin page, sees it once, and may delete it. A token
 * signs in as a centre administrator only on the token API, {@code /admin/api/frameworks} (see
 * {@link ApiTokenFilter}), never on the pages. Only the token's SHA-256 is stored.
 */
@Component
public class ApiTokens {

    /** The issuer of a token's principal; no platform can have it, since platform issuers are http(s) URLs. */
    public static final String ISSUER = "attest:api-token";
    static final String MESSAGE_TYPE = "AttestApiToken";
    /** Tokens start with this, so one found in a script or a log is recognisable as Attest's. */
    static final String PREFIX = "attest_";

    /**
     * A token as the admin page lists it.
     *
     * @param id the SHA-256 of the token: names it for deletion, and cannot be used in its place
     */
    public record ApiToken(String id, String label, Instant createdAt, String createdBy, Instant lastUsedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ApiTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Makes a token; returns it, the only time it exists outside the caller's hands. */
    public String create(String label, String createdBy) {
        String token = PREFIX + LoginStates.randomToken() + LoginStates.randomToken();
        jdbc.sql("INSERT INTO api_token (token_hash, label, created_at, created_by) VALUES (?, ?, ?, ?)")
                .params(LaunchSessions.hash(token), label, Timestamp.from(clock.instant()), createdBy)
                .update();
        return token;
    }

    public List<ApiToken> list() {
        return jdbc.sql("SELECT token_hash, label, created_at, created_by, last_used_at FROM api_token ORDER BY created_at, token_hash")
                .query((rs, n) -> new ApiToken(rs.getString("token_hash"), rs.getString("label"), rs.getTimestamp("created_at").toInstant(),
                        rs.getString("created_by"), rs.getTimestamp("last_used_at") == null ? null : rs.getTimestamp("last_used_at").toInstant()))
                .list();
    }

    /** Deletes the token with this id; false when there is none. */
    public boolean delete(String id) {
        return id != null && jdbc.sql("DELETE FROM api_token WHERE token_hash = ?").param(id).update() == 1;
    }

    /** The principal a valid token signs in as, noting when it was used. */
    Optional<LtiPrincipal> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 128) {
            return Optional.empty();
        }
        String hash = LaunchSessions.hash(token);
        Instant now = clock.instant();
        return jdbc.sql("SELECT label FROM api_token WHERE token_hash = ?").param(hash).query(String.class).optional()
                .map(label -> {
                    jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE token_hash = ?").params(Timestamp.from(now), hash).update();
                    return new LtiPrincipal(null, ISSUER, null, null, MESSAGE_TYPE, hash.substring(0, 12), "API token '" + label + "'",
                            null, List.of(), Set.of(AttestRole.CENTRE_ADMIN), null, null, null, null, null, Map.of(), null, null,
                            null, null, "en-GB", now);
                });
    }
}
