package org.attest.tool.gradebook.scores;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.attest.tool.gradebook.lms.PlatformCallFailed;
import org.attest.tool.lti.Platform;

/**
 * What the senders of one round of {@link ScoreDelivery} share: each activity's column, looked up once. Each delivery is
 * recorded as soon as the LMS has taken it, so a replica that dies (SIGKILL, out of memory, a lost node) leaves only
 * the scores it had on the wire to be sent again by another replica, never ones the LMS had answered minutes before.
 * Recording them in groups of 64 was about 9 % faster (docs/benchmarks.md, "Score delivery") but let a crash send up
 * to 63 answered scores a second time.
 */
final class DeliveryRound {

    private final OutboxClaims claims;
    private final UnitLineItems lineItems;
    private final String claimer;
    private final AtomicLong deliveredByReplica;
    private final Map<String, String> lineItemUrls = new ConcurrentHashMap<>();

    DeliveryRound(OutboxClaims claims, UnitLineItems lineItems, String claimer, AtomicLong deliveredByReplica) {
        this.claims = claims;
        this.lineItems = lineItems;
        this.claimer = claimer;
        this.deliveredByReplica = deliveredByReplica;
    }

    String lineItemUrl(Platform platform, String resourceLinkId) throws PlatformCallFailed, UnitLineItems.NoGradeService {
        String key = platform.id() + " " + resourceLinkId;
        String url = lineItemUrls.get(key);
        if (url == null) {
            url = lineItems.lineItemUrl(platform, resourceLinkId);
            lineItemUrls.put(key, url);
        }
        return url;
    }

    /** The LMS took {@code row}: recorded now. */
    void delivered(QueuedScore row) {
        claims.delivered(List.of(row.id()), claimer, 200);
        deliveredByReplica.incrementAndGet();
    }
}
