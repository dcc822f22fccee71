package org.attest.tool.lti;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.tool.lti.internal.SecretTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Bearer tokens for scripts, such as {@code standards-import --push}: an administrator makes one on
 * the Frameworks admin page, sees it once, and may delete it. A token belongs to the scope it was
 * made in ({@link AdminScope}): a centre administrator's token to their platform, the operator's to
 * the whole tool. It signs in with that scope, only on the token API (the {@code /admin/api/} paths
 * {@link ApiTokenFilter} lists: frameworks, registration URLs and assessors), never on the pages; and
 * only until it expires. Only the token's SHA-256 is stored.
 */
@Component
public class ApiTokens {

    /** The issuer of a token's principal; no platform can have it, since platform issuers are http(s) URLs. */
    public static final String ISSUER = "attest:api-token";
    static final String MESSAGE_TYPE = "AttestApiToken";
    /** Tokens start with this, so one found in a script or a log is recognisable as Attest's. */
    static final String PREFIX = "attest_";
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm 'UTC'", Locale.UK)
            .withZone(ZoneOffset.UTC);

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);

    /**
     * A token as the admin page lists it.
     *
     * @param id the SHA-256 of the token: names it for deletion, and cannot be used in its place
     * @param platformId the centre it belongs to; {@code null} for a tool-wide token, made by the operator
     */
    public record ApiToken(String id, String label, Instant createdAt, String createdBy, Instant lastUsedAt, UUID platformId,
            Instant expiresAt, boolean expired) {
    }

    /** A token that does not sign in; the message says why, for the 401 answer. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AdminProperties properties;
    private final LoopbackApiToken loopback;

    ApiTokens(JdbcClient jdbc, Clock clock, AdminProperties properties, LoopbackApiToken loopback) {
        this.loopback = loopback;
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** The lifetimes a new token may have, shortest first; {@link #defaultLifetime()} is one of them. */
    public List<Duration> lifetimes() {
        return properties.apiTokenLifetimes();
    }

    public Duration defaultLifetime() {
        return properties.apiTokenLifetime();
    }

    /**
     * Makes a token belonging to this scope; returns it, the only time it exists outside the caller's hands.
     *
     * @param lifetime one of {@link #lifetimes()}; {@code null} for the default
     * @throws AdminRefused (400) for any other lifetime
     */
    public String create(AdminScope scope, String label, String createdBy, Duration lifetime) {
        Duration life = lifetime == null ? defaultLifetime() : lifetime;
        if (!lifetimes().contains(life)) {
            throw AdminRefused.invalid("lifetime", "A token lasts " + lifetimes().stream().map(ApiTokens::days)
                    .reduce((a, b) -> a + ", " + b).orElseThrow() + "; choose one of these");
        }
        removeLongExpired();
        String token = PREFIX + SecretTokens.random() + SecretTokens.random();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO api_token (token_hash, label, created_at, created_by, platform_id, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(SecretTokens.hash(token), label, Timestamp.from(now), createdBy, scope.platformId(),
                        Timestamp.from(now.plus(life)))
                .update();
        log.info("{} made API token '{}' for {}, valid {}", createdBy, label, describe(scope), days(life));
        return token;
    }

    /** The tokens this scope manages: a centre's own; for the operator, every token. Expired ones are marked. */
    public List<ApiToken> list(AdminScope scope) {
        removeLongExpired();
        Instant now = clock.instant();
        String columns = "SELECT token_hash, label, created_at, created_by, last_used_at, platform_id, expires_at FROM api_token ";
        String order = " ORDER BY created_at, token_hash";
        var query = scope.isTool() ? jdbc.sql(columns + order)
                : jdbc.sql(columns + "WHERE platform_id = ?" + order).param(scope.platformId());
        return query.query((rs, n) -> token(rs, now)).list();
    }

    /**
     * Deletes the token with this id, if this scope manages it.
     *
     * @throws AdminRefused (404) when there is no such token among those this scope manages; nothing is deleted
     */
    public void delete(AdminScope scope, String id) {
        int deleted = id == null ? 0 : scope.isTool()
                ? jdbc.sql("DELETE FROM api_token WHERE token_hash = ?").param(id).update()
                : jdbc.sql("DELETE FROM api_token WHERE token_hash = ? AND platform_id = ?").params(id, scope.platformId()).update();
        if (deleted != 1) {
            throw AdminRefused.notFound("There is no API token '" + id + "' among those you manage; it may have been deleted "
                    + "already, or have expired and been removed");
        }
    }

    /**
     * The principal a valid token signs in as, with the token's scope, noting when it was used.
     *
     * @throws Refused when the token is unknown, deleted, expired, or its platform is disabled
     */
    LtiPrincipal authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 128) {
            throw new Refused("this API token is unknown or was deleted; make a new one on the Frameworks admin page");
        }
        String hash = SecretTokens.hash(token);
        Instant now = clock.instant();
        if (loopback.matches(token)) {
            return principal(null, hash, "loopback API token", now);
        }
        record Found(String label, UUID platformId, Instant expiresAt, Boolean platformEnabled) {
        }
        Found found = jdbc.sql("""
                        SELECT t.label, t.platform_id, t.expires_at, p.enabled
                        FROM api_token t LEFT JOIN platform p ON p.id = t.platform_id WHERE t.token_hash = ?""")
                .param(hash)
                .query((rs, n) -> new Found(rs.getString("label"), rs.getObject("platform_id", UUID.class),
                        rs.getTimestamp("expires_at").toInstant(), (Boolean) rs.getObject("enabled")))
                .optional()
                .orElseThrow(() -> new Refused("this API token is unknown or was deleted; make a new one on the Frameworks "
                        + "admin page"));
        if (!found.expiresAt().isAfter(now)) {
            throw new Refused("this API token ('" + found.label() + "') expired on " + WHEN.format(found.expiresAt())
                    + "; make a new one on the Frameworks admin page");
        }
        if (found.platformId() != null && !Boolean.TRUE.equals(found.platformEnabled())) {
            throw new Refused("this API token ('" + found.label() + "') belongs to a platform that is disabled in Attest; "
                    + "ask the operator");
        }
        jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE token_hash = ?").params(Timestamp.from(now), hash).update();
        return principal(found.platformId(), hash, "API token '" + found.label() + "'", now);
    }

    private static LtiPrincipal principal(UUID platformId, String hash, String name, Instant now) {
        return new LtiPrincipal(platformId, ISSUER, null, null, MESSAGE_TYPE, hash.substring(0, 12), name, null, List.of(),
                Set.of(AttestRole.CENTRE_ADMIN), null, null, null, null, null, Map.of(), null, null, null, null, "en-GB", now);
    }

    /** Expired tokens stay listed, marked expired, for {@code attest.admin.expired-api-tokens-kept}; then they go. */
    private void removeLongExpired() {
        int removed = jdbc.sql("DELETE FROM api_token WHERE expires_at < ?")
                .param(Timestamp.from(clock.instant().minus(properties.expiredApiTokensKept()))).update();
        if (removed > 0) {
            log.info("Removed {} API token(s) that expired more than {} ago", removed, days(properties.expiredApiTokensKept()));
        }
    }

    private static ApiToken token(ResultSet rs, Instant now) throws SQLException {
        Timestamp lastUsed = rs.getTimestamp("last_used_at");
        Instant expiresAt = rs.getTimestamp("expires_at").toInstant();
        return new ApiToken(rs.getString("token_hash"), rs.getString("label"), rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"), lastUsed == null ? null : lastUsed.toInstant(), rs.getObject("platform_id", UUID.class),
                expiresAt, !expiresAt.isAfter(now));
    }

    /** "90 days", or the duration as set when it is not whole days. */
    public static String days(Duration d) {
        return d.toSeconds() % 86_400 == 0 ? d.toDays() + (d.toDays() == 1 ? " day" : " days") : d.toString();
    }

    private static String describe(AdminScope scope) {
        return scope.isTool() ? "the whole tool" : "platform " + scope.platformId();
    }
}
