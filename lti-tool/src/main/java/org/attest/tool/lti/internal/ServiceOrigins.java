package org.attest.tool.lti.internal;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.attest.tool.lti.Platform;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The origins a platform may be called on for its services (AGS, NRPS, token, JWKS): those of its
 * issuer, authorisation, token and JWKS URLs, and those an administrator added; and the origins
 * Attest refused, for the admin page. Owns tables platform_service_origin and platform_refused_origin.
 */
@Component
public class ServiceOrigins {

    /** Refused origins remembered per platform; beyond it the oldest are not replaced (a page, not a log). */
    static final int MAX_REFUSED_ORIGINS = 20;

    /** An origin an administrator added. */
    record Added(String origin, Instant addedAt, String addedBy) {
    }

    /** An origin Attest refused to call, with the last URL refused there. */
    record Refused(String origin, String exampleUrl, long refusals, Instant lastRefusedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ServiceOrigins(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** {@code scheme://host[:port]} in lower case, the port left out when it is the scheme's default; empty when not an http(s) URL. */
    public static Optional<String> origin(String url) {
        try {
            return url == null ? Optional.empty() : origin(URI.create(url.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static Optional<String> origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }

    /** The origins of the platform's own registered URLs. */
    public static Set<String> registered(Platform platform) {
        Set<String> origins = new LinkedHashSet<>();
        for (String url : new String[] {platform.issuer(), platform.authorizationEndpoint(), platform.tokenEndpoint(), platform.jwksUri()}) {
            origin(url).ifPresent(origins::add);
        }
        return origins;
    }

    List<Added> added(UUID platformId) {
        return jdbc.sql("SELECT origin, added_at, added_by FROM platform_service_origin WHERE platform_id = ? ORDER BY origin")
                .param(platformId)
                .query((rs, n) -> new Added(rs.getString("origin"), rs.getTimestamp("added_at").toInstant(), rs.getString("added_by")))
                .list();
    }

    /** Every platform's added origins, for the pages' frame-ancestors. */
    public Map<UUID, List<String>> addedForAll() {
        Map<UUID, List<String>> all = new HashMap<>();
        RowCallbackHandler row = rs ->
                all.computeIfAbsent(rs.getObject("platform_id", UUID.class), id -> new ArrayList<>()).add(rs.getString("origin"));
        jdbc.sql("SELECT platform_id, origin FROM platform_service_origin").query(row);
        return all;
    }

    public boolean isAdded(UUID platformId, String origin) {
        return jdbc.sql("SELECT COUNT(*) FROM platform_service_origin WHERE platform_id = ? AND origin = ?")
                .params(platformId, origin).query(Integer.class).single() > 0;
    }

    /** False when the origin was already there. */
    boolean add(UUID platformId, String origin, String addedBy) {
        try {
            jdbc.sql("INSERT INTO platform_service_origin (platform_id, origin, added_at, added_by) VALUES (?, ?, ?, ?)")
                    .params(platformId, origin, Timestamp.from(clock.instant()), addedBy).update();
        } catch (DuplicateKeyException e) {
            return false;
        }
        jdbc.sql("DELETE FROM platform_refused_origin WHERE platform_id = ? AND origin = ?").params(platformId, origin).update();
        return true;
    }

    boolean remove(UUID platformId, String origin) {
        return jdbc.sql("DELETE FROM platform_service_origin WHERE platform_id = ? AND origin = ?").params(platformId, origin).update() > 0;
    }

    List<Refused> refused(UUID platformId) {
        return jdbc.sql("""
                SELECT origin, example_url, refusals, last_refused_at FROM platform_refused_origin
                WHERE platform_id = ? ORDER BY last_refused_at DESC""")
                .param(platformId)
                .query((rs, n) -> new Refused(rs.getString("origin"), rs.getString("example_url"), rs.getLong("refusals"),
                        rs.getTimestamp("last_refused_at").toInstant()))
                .list();
    }

    /** Remembers a refusal for the admin page, in a transaction of its own; never fails the caller, whose call fails anyway. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordRefusal(UUID platformId, String origin, String url) {
        String example = url.length() > 1000 ? url.substring(0, 997) + "..." : url;
        Timestamp now = Timestamp.from(clock.instant());
        try {
            int updated = jdbc.sql("""
                    UPDATE platform_refused_origin SET example_url = ?, refusals = refusals + 1, last_refused_at = ?
                    WHERE platform_id = ? AND origin = ?""")
                    .params(example, now, platformId, origin).update();
            if (updated == 0 && jdbc.sql("SELECT COUNT(*) FROM platform_refused_origin WHERE platform_id = ?")
                    .param(platformId).query(Integer.class).single() < MAX_REFUSED_ORIGINS) {
                jdbc.sql("""
                        INSERT INTO platform_refused_origin (platform_id, origin, example_url, refusals, last_refused_at)
                        VALUES (?, ?, ?, 1, ?)""")
                        .params(platformId, origin, example, now).update();
            }
        } catch (DataAccessException e) {
            // a refusal at the same moment elsewhere, or the platform was just deleted: the call's own error says enough
        }
    }
}
