package org.attest.tool.gradebook.scores;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.attest.tool.IntegrationTest;
import org.attest.tool.gradebook.lms.ServicePlatform;
import org.attest.tool.lti.PlatformRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scores against a WireMock platform that refuses them as Moodle 5.0 does: HTTP 409 when the grade's
 * time modified is not earlier, in whole seconds, than the score's timestamp.
 */
@ExtendWith(OutputCaptureExtension.class)
class ScoreTimestampsTest extends IntegrationTest {

    @Autowired PlatformRegistry registry;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired ScoreOutbox outbox;

    final MoodleScoreRule moodle = new MoodleScoreRule();
    DeliveryFixture lms;

    @BeforeEach
    void platform() {
        lms = new DeliveryFixture(new ServicePlatform(10, moodle), registry, jdbc, transactions, outbox);
        lms.lms.issuesTokens("token-1");
        lms.lms.server.stubFor(post(urlPathMatching(DeliveryFixture.SCORES)).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void close() {
        lms.close();
    }

    @Test
    void twoChangesWithinOneSecondAreBothTakenTheSecondStampedASecondLater() {
        String link = lms.activity(31);
        Instant second = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        lms.queue(link, "learner-1", 10, second.plusMillis(100));
        await().atMost(Duration.ofSeconds(10)).until(() -> lms.count("DELIVERED") == 1);
        lms.queue(link, "learner-1", 20, second.plusMillis(460)); // 0.36 s later, as two mapping saves were

        await().atMost(Duration.ofSeconds(10)).until(() -> lms.count("DELIVERED") == 2);
        assertThat(moodle.answers).noneMatch(a -> a.endsWith("refused"));
        List<LoggedRequest> posts = lms.scorePosts();
        assertThat(posts).hasSize(2);
        assertThat(stampOf(posts.get(1))).isEqualTo(stampOf(posts.get(0)) + 1);
        assertThat(DeliveryFixture.body(posts.get(1)).path("scoreGiven").asDouble()).isEqualTo(20.0);
    }

    @Test
    void aTeachersLaterEditIsAnsweredByStampingTheScoreLaterAndSendingItAgain(CapturedOutput output) {
        String link = lms.activity(32);
        Instant now = Instant.now();
        moodle.teacherEdited(32, "learner-2", now.plusSeconds(2));

        lms.queue(link, "learner-2", 40, now);

        await().atMost(Duration.ofSeconds(10)).until(() -> lms.count("DELIVERED") == 1);
        QueuedScore row = lms.rows(link).get(0);
        assertThat(row.restamps()).isBetween(1, SendFailures.MAX_RESTAMPS);
        assertThat(moodle.answers.get(0)).endsWith("refused");
        assertThat(moodle.answers.get(moodle.answers.size() - 1)).endsWith("taken");
        assertThat(row.score().timestamp().getEpochSecond()).isGreaterThan(now.plusSeconds(2).getEpochSecond());
        assertThat(output.getOut() + output.getErr()).contains("WARN")
                .contains("Refusing score with an earlier timestamp for item 32 and user learner-2");
    }

    @Test
    void anLmsWhoseClockRunsSecondsAheadStillTakesTheScoreAndNoScoreIsSentBeforeItsTime() {
        // Seen on a real Moodle: a grade stamped 3 s ahead of Attest's clock refused three quick re-stamps 1 s apart.
        String link = lms.activity(34);
        Instant now = Instant.now();
        moodle.teacherEdited(34, "learner-4", now.plusSeconds(3));

        lms.queue(link, "learner-4", 45, now);

        await().atMost(Duration.ofSeconds(20)).until(() -> lms.count("DELIVERED") == 1);
        assertThat(lms.count("FAILED")).isZero();
        assertThat(lms.rows(link).get(0).score().timestamp().getEpochSecond()).isGreaterThan(now.plusSeconds(3).getEpochSecond());
        assertThat(moodle.answers.get(moodle.answers.size() - 1)).endsWith("taken");
        assertThat(moodle.sentAt).allSatisfy((stamp, sent) -> assertThat(sent).as("sent no sooner than its timestamp")
                .isAfterOrEqualTo(stamp.minusMillis(50)));
    }

    @Test
    void aGradeMoodleKeepsNewerIsRefusedInPlainWordsAfterThreeRestampsAndSendAgainUsesAFreshTimestamp(CapturedOutput output) {
        String link = lms.activity(33);
        Instant now = Instant.now();
        moodle.teacherEdited(33, "learner-3", now.plus(Duration.ofHours(1)));

        lms.queue(link, "learner-3", 50, now);

        await().atMost(Duration.ofSeconds(10)).until(() -> lms.count("FAILED") == 1);
        QueuedScore refused = lms.rows(link).get(0);
        assertThat(lms.scorePosts()).hasSize(1 + SendFailures.MAX_RESTAMPS);
        assertThat(moodle.answers).allMatch(a -> a.endsWith("refused"));
        assertThat(refused.lastStatus()).isEqualTo(409);
        assertThat(refused.lastError()).startsWith("Moodle keeps refusing this score because its grade there carries a later time "
                + "than Attest's, even after Attest sent it again a few seconds later (the grade was changed in Moodle, and Moodle's "
                + "clock may run ahead of this server's). Attest did not overwrite it. Send again now sends it with a fresh time. "
                + "A grade a teacher typed in Moodle's grader report still shows there until they remove their override.");
        assertThat(output.getOut() + output.getErr()).contains("WARN")
                .contains("Refusing score with an earlier timestamp for item 33 and user learner-3");
        long lastSent = stampOf(lms.scorePosts().get(SendFailures.MAX_RESTAMPS));

        moodle.teacherEdited(33, "learner-3", now); // the admin sends it again to replace the teacher's grade
        assertThat(outbox.retry(refused.id())).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> lms.count("DELIVERED") == 1);
        assertThat(stampOf(lms.scorePosts().get(SendFailures.MAX_RESTAMPS + 1))).isGreaterThan(lastSent);
    }

    @Test
    void aScoreRestampedWhileANewerOneWasBeingQueuedNeverOverwritesTheNewer() {
        String link = lms.activity(35);
        // Stamps a few seconds ahead keep the re-stamped older score from falling due before the newer one commits.
        Instant at = Instant.now().plusSeconds(3);
        moodle.teacherEdited(35, "learner-5", at);
        MoodleScoreRule.Hold older = moodle.holdNextScore();
        lms.queue(link, "learner-5", 10, at);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> older.arrived().getCount() == 0);
            // While the older score is being sent (and is refused), a newer one is queued in a transaction still open.
            transactions.executeWithoutResult(tx -> {
                lms.queue(link, "learner-5", 20, at.plusMillis(200));
                older.release();
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                        .until(() -> lms.rows(link).get(0).restamps() == 1);
            });
        } finally {
            older.release();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> lms.count("PENDING") == 0);
        assertThat(moodle.grade(35, "learner-5")).as("the grade Moodle shows").isEqualTo(20.0);
        assertThat(lms.rows(link)).extracting(QueuedScore::state)
                .containsExactly(QueuedScore.State.SUPERSEDED, QueuedScore.State.DELIVERED);
    }

    private static long stampOf(LoggedRequest post) {
        return OffsetDateTime.parse(DeliveryFixture.body(post).path("timestamp").asString()).toEpochSecond();
    }
}
