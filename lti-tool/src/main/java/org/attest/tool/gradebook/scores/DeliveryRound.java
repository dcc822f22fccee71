package org.attest.tool.gradebook.scores;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.attest.tool.gradebook.lms.PlatformCallFailed;
import org.attest.tool.lti.Platform;

/**
 * What the senders of one round of {@link ScoreDelivery} share: each activity's column, looked up
 * once, and the deliveries not yet recorded, written in groups.
 */
final class DeliveryRound {

    private static final int RECORD_EVERY = 64;

    private final OutboxClaims claims;
    private final UnitLineItems lineItems;
    private final String claimer;
    private final AtomicLong deliveredByReplica;
    private final Map<String, String> lineItemUrls = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<UUID> delivered = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unrecorded = new AtomicInteger();

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

    void delivered(QueuedScore row) {
        delivered.add(row.id());
        if (unrecorded.incrementAndGet() >= RECORD_EVERY) {
            recordDelivered();
        }
    }

    void recordDelivered() {
        List<UUID> ids = new ArrayList<>();
        for (UUID id = delivered.poll(); id != null; id = delivered.poll()) {
            ids.add(id);
        }
        if (!ids.isEmpty()) {
            unrecorded.addAndGet(-ids.size());
            claims.delivered(ids, claimer, 200);
            deliveredByReplica.addAndGet(ids.size());
        }
    }
}
