package org.attest.tool.gradebook.lms;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Cache;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.attest.tool.lti.LaunchAccepted;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformHttp;
import org.attest.tool.lti.PlatformRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Remembers, per activity, the AGS and NRPS endpoints of its latest launch, so scores and rosters
 * can be sent and read later without anybody launching. Written only when something changed, so a
 * launch costs one indexed read here, or none when this replica stored or read the same endpoints lately.
 */
@Service
public class LinkServices {

    private static final Logger log = LoggerFactory.getLogger(LinkServices.class);

    /**
     * How long endpoints this replica stored or read are trusted to be the stored ones, so a launch that brings the same
     * endpoints costs no statement; a change written by another replica is seen here once that time has passed.
     */
    static final Duration KNOWN_FOR = Duration.ofMinutes(1);
    private static final int KEPT_AT_MOST = 10_000;

    private record Link(UUID platformId, String resourceLinkId) {
    }

    private final Cache<Link, LinkService> stored = Caffeine.newBuilder().maximumSize(KEPT_AT_MOST).expireAfterWrite(KNOWN_FOR).build();
    private final JdbcClient jdbc;
    private final Clock clock;
    private final PlatformRegistry platforms;
    private final PlatformHttp http;

    LinkServices(JdbcClient jdbc, Clock clock, PlatformRegistry platforms, PlatformHttp http) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.platforms = platforms;
        this.http = http;
    }

    @EventListener
    void on(LaunchAccepted launch) {
        try {
            remember(launch.principal());
        } catch (DataAccessException e) {
            // The launch itself succeeded; the endpoints are remembered at the next one.
            log.warn("Could not remember the LTI service endpoints of a launch: {}", e.getMessage());
        }
    }

    /** Stores the launch's endpoints for its activity; a launch without an activity or services leaves nothing. */
    public void remember(LtiPrincipal launch) {
        if (launch.platformId() == null || launch.resourceLinkId() == null || launch.contextId() == null
                || (launch.ags() == null && launch.nrpsMembershipsUrl() == null)) {
            return;
        }
        LtiPrincipal.AgsEndpoint ags = launch.ags();
        Optional<Platform> platform = platforms.find(launch.platformId());
        if (platform.isEmpty()) {
            return;
        }
        PlatformHttp.ForPlatform calls = http.forPlatform(platform.get());
        String lineItems = onPlatform(calls, platform.get(), ags == null ? null : ags.lineItems(), "AGS line items URL");
        String lineItem = onPlatform(calls, platform.get(), ags == null ? null : ags.lineItem(), "AGS line item URL");
        String memberships = onPlatform(calls, platform.get(), launch.nrpsMembershipsUrl(), "NRPS context_memberships_url");
        if (lineItems == null && lineItem == null && memberships == null) {
            return;
        }
        LinkService seen = new LinkService(launch.platformId(), launch.resourceLinkId(), launch.deploymentId(), launch.contextId(),
                lineItems, lineItem, ags == null || ags.scopes() == null ? Set.of() : new LinkedHashSet<>(ags.scopes()), memberships);
        Link link = new Link(seen.platformId(), seen.resourceLinkId());
        LinkService memo = stored.getIfPresent(link);
        if (memo != null && unchanged(memo, seen)) {
            return; // this replica wrote or read these endpoints a moment ago
        }
        Optional<LinkService> known = find(seen.platformId(), seen.resourceLinkId());
        if (known.isPresent() && unchanged(known.get(), seen)) {
            stored.put(link, known.get());
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        String scopes = String.join(" ", seen.agsScopes());
        if (known.isPresent()) {
            update(seen, scopes, now);
            stored.put(link, seen.lineItemUrl() != null ? seen : withLineItem(seen, known.get().lineItemUrl()));
            return;
        }
        try {
            jdbc.sql("""
                    INSERT INTO lti_link_service (platform_id, resource_link_id, deployment_id, context_id, line_items_url,
                        line_item_url, ags_scopes, memberships_url, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(seen.platformId(), seen.resourceLinkId(), seen.deploymentId(), seen.contextId(), seen.lineItemsUrl(),
                            seen.lineItemUrl(), scopes, seen.membershipsUrl(), now)
                    .update();
            stored.put(link, seen);
        } catch (DuplicateKeyException raced) {
            update(seen, scopes, now);
        }
    }

    /** Whether storing what the launch saw would change nothing: equal, or equal but for the line item Attest found. */
    private static boolean unchanged(LinkService stored, LinkService seen) {
        if (stored.equals(seen)) {
            return true;
        }
        // the line item Attest found for the activity, which the launch does not name
        return seen.lineItemUrl() == null && stored.lineItemUrl() != null
                && stored.equals(withLineItem(seen, stored.lineItemUrl()));
    }

    private static LinkService withLineItem(LinkService service, String lineItemUrl) {
        return new LinkService(service.platformId(), service.resourceLinkId(), service.deploymentId(), service.contextId(),
                service.lineItemsUrl(), lineItemUrl, service.agsScopes(), service.membershipsUrl());
    }

    /** The URL when it is on one of the platform's origins; otherwise null, with a warning (the launch itself goes on). */
    private String onPlatform(PlatformHttp.ForPlatform calls, Platform platform, String url, String what) {
        if (url == null) {
            return null;
        }
        try {
            calls.check(url);
            return url;
        } catch (PlatformHttp.Refused e) {
            log.warn("A launch from {} named an {} that Attest will not call, so it was not stored: {}", platform.describe(), what,
                    e.getMessage());
            return null;
        }
    }

    public Optional<LinkService> find(UUID platformId, String resourceLinkId) {
        return jdbc.sql("SELECT * FROM lti_link_service WHERE platform_id = ? AND resource_link_id = ?")
                .params(platformId, resourceLinkId)
                .query((rs, n) -> row(rs)).optional();
    }

    /** The services of every launched activity in a course, the most recently seen first. */
    public List<LinkService> inCourse(UUID platformId, String deploymentId, String contextId) {
        return jdbc.sql("""
                SELECT * FROM lti_link_service WHERE platform_id = ? AND deployment_id = ? AND context_id = ?
                ORDER BY updated_at DESC""")
                .params(platformId, deploymentId, contextId)
                .query((rs, n) -> row(rs)).list();
    }

    /** Records the activity's own line item once Attest has found or created it. */
    public void lineItemFound(UUID platformId, String resourceLinkId, String lineItemUrl) {
        stored.invalidate(new Link(platformId, resourceLinkId));
        jdbc.sql("UPDATE lti_link_service SET line_item_url = ? WHERE platform_id = ? AND resource_link_id = ?")
                .params(Objects.requireNonNull(lineItemUrl), platformId, resourceLinkId).update();
    }

    private void update(LinkService seen, String scopes, Timestamp now) {
        // A launch that names no line item does not forget the one Attest found or created for the activity.
        jdbc.sql("""
                UPDATE lti_link_service SET deployment_id = ?, context_id = ?, line_items_url = ?,
                    line_item_url = COALESCE(?, line_item_url), ags_scopes = ?, memberships_url = ?, updated_at = ?
                WHERE platform_id = ? AND resource_link_id = ?""")
                .params(seen.deploymentId(), seen.contextId(), seen.lineItemsUrl(), seen.lineItemUrl(), scopes,
                        seen.membershipsUrl(), now, seen.platformId(), seen.resourceLinkId())
                .update();
    }

    private static LinkService row(java.sql.ResultSet rs) throws java.sql.SQLException {
        String scopes = rs.getString("ags_scopes");
        return new LinkService(rs.getObject("platform_id", UUID.class), rs.getString("resource_link_id"),
                rs.getString("deployment_id"), rs.getString("context_id"), rs.getString("line_items_url"),
                rs.getString("line_item_url"),
                scopes == null || scopes.isBlank() ? Set.of()
                        : Arrays.stream(scopes.split(" ")).collect(Collectors.toCollection(LinkedHashSet::new)),
                rs.getString("memberships_url"));
    }
}
