package org.attest.tool.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.gradebook.lms.Score;
import org.attest.tool.gradebook.scores.QueuedScore;
import org.attest.tool.gradebook.scores.ScoreOutbox;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.TestPlatform;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The centre admin sees their platforms' scores the LMS refused, with its words, and sends them again; nobody else's. */
class GradebookAdminTest extends AdminIntegrationTest {

    @Autowired
    ScoreOutbox outbox;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void centreAdminSeesRefusedScoresAndSendsThemAgainOnTheirPlatformOnly() throws Exception {
        try (TestPlatform college = TestPlatform.start(); TestPlatform other = TestPlatform.start()) {
            Platform collegePlatform = college.register(registry);
            other.register(registry);
            UUID refused = refusedScore(collegePlatform, "learner-42",
                    "sending the score of user learner-42 at Test Moodle failed: HTTP 404 (line item deleted)");
            String admin = launchSession(college, INSTITUTION_ADMIN);
            String otherAdmin = launchSession(other, INSTITUTION_ADMIN);

            String page = get(admin + "/admin/gradebook").body();
            assertThat(page).contains("Grade delivery", "Refused, need you", "learner-42", "HTTP 404 (line item deleted)",
                    "Send all 1 refused scores again");
            assertThat(get(otherAdmin + "/admin/gradebook").body()).doesNotContain("learner-42");

            HttpResponse<String> foreign = post(otherAdmin + "/admin/gradebook/scores/" + refused + "/retry", Map.of());
            assertThat(foreign.statusCode()).isEqualTo(404);
            assertThat(outbox.find(refused).orElseThrow().state()).isEqualTo(QueuedScore.State.FAILED);

            HttpResponse<String> retried = post(admin + "/admin/gradebook/scores/" + refused + "/retry", Map.of());
            assertThat(retried.statusCode()).isEqualTo(303);
            assertThat(retried.headers().firstValue("Location").orElseThrow()).endsWith("/admin/gradebook?retried=1");
            // Sent again at once: this activity still has no grade service, so the worker refuses it anew, in its own words.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> outbox.find(refused).orElseThrow().attempts() >= 2);
            assertThat(outbox.find(refused).orElseThrow().lastError()).contains("offered Assignment and Grade Services");
        }
    }

    @Test
    void refusedScoresNameTheLearnerAndActivityAndStackOnANarrowScreen() throws Exception {
        try (TestPlatform college = TestPlatform.start()) {
            Platform platform = college.register(registry);
            Timestamp now = Timestamp.from(Instant.now());
            jdbc.sql("""
                    INSERT INTO lti_link_service (platform_id, resource_link_id, deployment_id, context_id, ags_scopes, updated_at)
                    VALUES (?, 'link-224', '1', 'course-7', '', ?)""").params(platform.id(), now).update();
            jdbc.sql("""
                    INSERT INTO course_roster_member (platform_id, deployment_id, context_id, subject, name, roles, is_learner,
                        is_instructor, status, first_seen_at, last_seen_at) VALUES (?, '1', 'course-7', '6', 'Ann Smith', 'Learner',
                        TRUE, FALSE, 'Active', ?, ?)""").params(platform.id(), now, now).update();
            jdbc.sql("""
                    INSERT INTO unit_binding (platform_id, resource_link_id, deployment_id, context_id, framework_id, unit_code, title,
                        bound_by, bound_at) VALUES (?, 'link-224', '1', 'course-7', ?, '224', 'Unit 224: Plan a journey', 'tutor', ?)""")
                    .params(platform.id(), UUID.randomUUID(), now).update();
            outboxRow(platform, "link-224", "6", "FAILED", 4, "Moodle keeps refusing this score");
            outboxRow(platform, "link-gone", "77", "FAILED", 1, "HTTP 404");
            String admin = launchSession(college, INSTITUTION_ADMIN);

            String page = get(admin + "/admin/gradebook").body();

            assertThat(page).contains("Ann Smith", "Unit 224: Plan a journey", "learner 77", "activity link-gone")
                    .contains("<table class=\"stack problems\"")
                    .doesNotContain("<td data-label=\"Learner\" class=\"wrap\">6</td>", "No problems");
        }
    }

    @Test
    void saysNoProblemsOnlyWhenEveryScoreWasTakenAtTheFirstTry() throws Exception {
        try (TestPlatform college = TestPlatform.start(); TestPlatform other = TestPlatform.start()) {
            Platform platform = college.register(registry);
            Platform calm = other.register(registry);
            outboxRow(platform, "link-1", "8", "DELIVERED", 3, null);
            outboxRow(calm, "link-1", "8", "DELIVERED", 1, null);

            String page = get(launchSession(college, INSTITUTION_ADMIN) + "/admin/gradebook").body();
            String calmPage = get(launchSession(other, INSTITUTION_ADMIN) + "/admin/gradebook").body();

            assertThat(page).contains("1 score needed more than one try in the last 24 hours; none is refused now.")
                    .doesNotContain("No problems");
            assertThat(calmPage).contains("No problems").doesNotContain("more than one try");
        }
    }

    private void outboxRow(Platform platform, String link, String user, String state, int attempts, String error) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                INSERT INTO score_outbox (id, platform_id, resource_link_id, user_id, reason, score_given, score_maximum,
                    activity_progress, grading_progress, score_timestamp, state, attempts, next_attempt_at, last_status, last_error,
                    created_at, finished_at)
                VALUES (?, ?, ?, ?, 'PROGRESS', 40, 100, 'InProgress', 'FullyGraded', ?, ?, ?, ?, 409, ?, ?, ?)""")
                .params(UUID.randomUUID(), platform.id(), link, user, now, state, attempts, now, error, now, now).update();
    }

    private UUID refusedScore(Platform platform, String user, String error) {
        transactions.executeWithoutResult(tx -> outbox.enqueue(platform.id(), "activity-gone", null, QueuedScore.Reason.PROGRESS,
                new Score(user, 40.0, 100.0, null, Score.ActivityProgress.InProgress, Score.GradingProgress.Pending, Instant.now())));
        UUID id = jdbc.sql("SELECT id FROM score_outbox WHERE platform_id = ? AND user_id = ?").params(platform.id(), user)
                .query(UUID.class).single();
        // As the delivery worker leaves a refusal (it may already have tried: this activity has no grade service).
        jdbc.sql("UPDATE score_outbox SET state = 'FAILED', attempts = 1, last_status = 404, last_error = ?, claimed_by = NULL, "
                + "claimed_until = NULL WHERE id = ?").params(error, id).update();
        return id;
    }
}
