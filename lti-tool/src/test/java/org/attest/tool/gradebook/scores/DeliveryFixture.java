package org.attest.tool.gradebook.scores;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.attest.tool.gradebook.lms.AgsClient;
import org.attest.tool.gradebook.lms.Score;
import org.attest.tool.gradebook.lms.ServicePlatform;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A WireMock platform registered in the running tool, with one course whose activities have
 * Moodle-shaped line item URLs ({@code .../lineitem?type_id=1}), and a way to queue scores for them.
 */
public final class DeliveryFixture implements AutoCloseable {

    public static final String SCORES = "/moodle/mod/lti/services.php/2/lineitems/[0-9]+/lineitem/scores";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public final ServicePlatform lms;
    public final Platform platform;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ScoreOutbox outbox;

    public DeliveryFixture(PlatformRegistry registry, JdbcClient jdbc, TransactionTemplate transactions, ScoreOutbox outbox) {
        this(new ServicePlatform(), registry, jdbc, transactions, outbox);
    }

    public DeliveryFixture(ServicePlatform lms, PlatformRegistry registry, JdbcClient jdbc, TransactionTemplate transactions,
            ScoreOutbox outbox) {
        this.lms = lms;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        platform = registry.register(new PlatformRegistry.Registration(lms.url("/moodle"),
                "client-" + UUID.randomUUID().toString().substring(0, 8), "WireMock Moodle", lms.url("/moodle/mod/lti/auth.php"),
                lms.url(ServicePlatform.TOKEN_PATH), lms.url("/moodle/mod/lti/certs.php"), "moodle",
                Platform.RegisteredBy.MANUAL, List.of("1")));
    }

    /** An activity whose launches named its line item (Moodle: /lineitems/{n}/lineitem?type_id=1). */
    public String activity(int lineItem) {
        String link = "link-" + lineItem + "-" + UUID.randomUUID().toString().substring(0, 6);
        jdbc.sql("""
                INSERT INTO lti_link_service (platform_id, resource_link_id, deployment_id, context_id, line_items_url,
                    line_item_url, ags_scopes, memberships_url, updated_at) VALUES (?, ?, '1', 'course-2', ?, ?, ?, NULL, ?)""")
                .params(platform.id(), link, lms.url("/moodle/mod/lti/services.php/2/lineitems?type_id=1"),
                        lms.url("/moodle/mod/lti/services.php/2/lineitems/" + lineItem + "/lineitem?type_id=1"),
                        AgsClient.SCOPE_LINE_ITEM + " " + AgsClient.SCOPE_SCORE + " " + AgsClient.SCOPE_RESULT_READ,
                        Timestamp.from(Instant.now()))
                .update();
        return link;
    }

    /** An activity added by hand: its launches offered the course's line items service but named no column. */
    String activityWithoutColumn(String lineItemsPath) {
        String link = "hand-made-" + UUID.randomUUID().toString().substring(0, 6);
        jdbc.sql("""
                INSERT INTO lti_link_service (platform_id, resource_link_id, deployment_id, context_id, line_items_url,
                    line_item_url, ags_scopes, memberships_url, updated_at) VALUES (?, ?, '1', 'course-2', ?, NULL, ?, NULL, ?)""")
                .params(platform.id(), link, lms.url(lineItemsPath),
                        AgsClient.SCOPE_LINE_ITEM + " " + AgsClient.SCOPE_SCORE, Timestamp.from(Instant.now()))
                .update();
        return link;
    }

    String lineItemOf(String link) {
        return jdbc.sql("SELECT line_item_url FROM lti_link_service WHERE platform_id = ? AND resource_link_id = ?")
                .params(platform.id(), link).query(String.class).single();
    }

    /** Queues a progress score in a transaction of its own, as a decision would. */
    public boolean queue(String link, String user, double given) {
        return queue(link, user, given, Instant.now());
    }

    /** Queues a progress score that changed in Attest at {@code at}. */
    public boolean queue(String link, String user, double given, Instant at) {
        Score score = new Score(user, given, 100.0, given + " of 100", Score.ActivityProgress.InProgress,
                Score.GradingProgress.Pending, at);
        return Boolean.TRUE.equals(transactions.execute(tx -> outbox.enqueue(platform.id(), link, null,
                QueuedScore.Reason.PROGRESS, score)));
    }

    public List<QueuedScore> rows(String link) {
        return jdbc.sql("SELECT id FROM score_outbox WHERE platform_id = ? AND resource_link_id = ? ORDER BY created_at")
                .params(platform.id(), link).query(UUID.class).list()
                .stream().map(id -> outbox.find(id).orElseThrow()).toList();
    }

    public long count(String state) {
        return jdbc.sql("SELECT COUNT(*) FROM score_outbox WHERE platform_id = ? AND state = ?")
                .params(platform.id(), state).query(Long.class).single();
    }

    List<LoggedRequest> scorePosts() {
        return lms.server.findAll(postRequestedFor(urlPathMatching(SCORES)));
    }

    static JsonNode body(LoggedRequest request) {
        return JSON.readTree(request.getBodyAsString());
    }

    @Override
    public void close() {
        lms.close();
    }
}
