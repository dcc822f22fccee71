package org.attest.tool.gradebook.scores;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.attest.tool.gradebook.lms.AgsClient;
import org.attest.tool.gradebook.lms.LineItem;
import org.attest.tool.gradebook.lms.LinkService;
import org.attest.tool.gradebook.lms.LinkServices;
import org.attest.tool.gradebook.lms.PlatformCallFailed;
import org.attest.tool.lti.Platform;
import org.attest.tool.portfolio.UnitBinding;
import org.attest.tool.portfolio.UnitBindings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The grade column of a unit's activity. A launch usually names it (the AGS {@code lineitem} claim,
 * for a link placed by Deep Linking with a lineItem); for an activity added by hand Attest finds the
 * column by resource link, unit code and tag, or creates it, once: replicas serialise on the
 * activity's row, so two never create two columns.
 */
@Component
class UnitLineItems {

    static final String TAG = "unit";
    static final double SCORE_MAXIMUM = 100;

    /** The platform offered no way to send this activity's scores: a person must change the LMS settings. */
    static final class NoGradeService extends Exception {
        NoGradeService(String message) {
            super(message);
        }
    }

    private final LinkServices links;
    private final UnitBindings bindings;
    private final AgsClient ags;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ConcurrentHashMap<String, Object> resolving = new ConcurrentHashMap<>();

    UnitLineItems(LinkServices links, UnitBindings bindings, AgsClient ags, JdbcClient jdbc, TransactionTemplate transactions) {
        this.links = links;
        this.bindings = bindings;
        this.ags = ags;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** The URL of the activity's line item, found or created when no launch named it. */
    String lineItemUrl(Platform platform, String resourceLinkId) throws PlatformCallFailed, NoGradeService {
        LinkService service = links.find(platform.id(), resourceLinkId).orElseThrow(() -> new NoGradeService(
                "no launch of activity " + resourceLinkId + " offered Assignment and Grade Services; allow the tool to "
                        + "send grades in the LMS's tool settings, then launch the activity once"));
        if (!service.agsScopes().isEmpty() && !service.grants(AgsClient.SCOPE_SCORE)) {
            throw new NoGradeService("the LMS does not let Attest send scores for activity " + resourceLinkId
                    + " (no score scope granted); allow the tool to send grades in the LMS's tool settings");
        }
        if (service.lineItemUrl() != null) {
            return service.lineItemUrl();
        }
        if (service.lineItemsUrl() == null) {
            throw new NoGradeService("the LMS named no grade column for activity " + resourceLinkId
                    + " and offers no line items service to create one; give the activity a grade in the LMS");
        }
        // One resolver per activity in this replica; the row lock below orders replicas.
        synchronized (resolving.computeIfAbsent(platform.id() + " " + resourceLinkId, k -> new Object())) {
            return create(platform, service);
        }
    }

    private String create(Platform platform, LinkService service) throws PlatformCallFailed {
        PlatformCallFailed[] failure = new PlatformCallFailed[1];
        String url = transactions.execute(tx -> {
            String known = jdbc.sql("SELECT line_item_url FROM lti_link_service WHERE platform_id = ? AND resource_link_id = ? FOR UPDATE")
                    .params(platform.id(), service.resourceLinkId()).query(String.class).optional().orElse(null);
            if (known != null) {
                return known;
            }
            Optional<UnitBinding> binding = bindings.find(platform.id(), service.resourceLinkId());
            String label = binding.map(UnitBinding::title).orElse("Attest activity " + service.resourceLinkId());
            String resourceId = binding.map(UnitBinding::unitCode).orElse(null);
            try {
                LineItem found = ags.findOrCreate(platform, service.lineItemsUrl(),
                        new LineItem(null, label, SCORE_MAXIMUM, resourceId, TAG, service.resourceLinkId()));
                links.lineItemFound(platform.id(), service.resourceLinkId(), found.id());
                return found.id();
            } catch (PlatformCallFailed e) {
                failure[0] = e;
                return null;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return url;
    }
}
