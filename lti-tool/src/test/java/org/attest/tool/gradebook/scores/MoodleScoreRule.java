package org.attest.tool.gradebook.scores;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moodle 5.0's rule for scores ({@code mod/lti/service/gradebookservices/classes/local/resources/scores.php}),
 * played on the WireMock platform: a score is refused with HTTP 409 "Refusing score with an earlier timestamp
 * for item N and user M" when the grade's time modified, in whole seconds, is not earlier than the score's
 * timestamp; a score taken sets the grade's time modified to its timestamp. A teacher's edit in the
 * gradebook is {@link #teacherEdited}.
 */
final class MoodleScoreRule implements ResponseDefinitionTransformerV2 {

    private static final Pattern SCORES = Pattern.compile(".*/lineitems/([0-9]+)/lineitem/scores.*");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** (item, user) to the grade's timemodified in epoch seconds. */
    private final Map<String, Long> timemodified = new ConcurrentHashMap<>();
    /** Every score's timestamp and whether it was taken, in arrival order. */
    final List<String> answers = new CopyOnWriteArrayList<>();
    /** Each score's timestamp, to when it arrived. */
    final Map<java.time.Instant, java.time.Instant> sentAt = new ConcurrentHashMap<>();
    /** (item, user) to the score given of the last score taken: the grade the LMS shows. */
    final Map<String, Double> grades = new ConcurrentHashMap<>();
    private volatile Hold hold;

    /** The next score to arrive is answered only once the test releases it, to open a window while it is being sent. */
    record Hold(CountDownLatch arrived, CountDownLatch released) {

        void release() {
            released.countDown();
        }
    }

    @Override
    public String getName() {
        return "moodle-score-rule";
    }

    Hold holdNextScore() {
        hold = new Hold(new CountDownLatch(1), new CountDownLatch(1));
        return hold;
    }

    /** The grade the LMS shows for the user on the item, or null. */
    Double grade(int item, String user) {
        return grades.get(item + " " + user);
    }

    /** A teacher changed the grade in Moodle's gradebook at {@code at}. */
    void teacherEdited(int item, String user, Instant at) {
        timemodified.put(item + " " + user, at.getEpochSecond());
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        var request = event.getRequest();
        Matcher m = SCORES.matcher(request.getUrl());
        if (!com.github.tomakehurst.wiremock.http.RequestMethod.POST.equals(request.getMethod()) || !m.matches()) {
            return event.getResponseDefinition();
        }
        JsonNode score = JSON.readTree(request.getBodyAsString());
        String item = m.group(1);
        String user = score.path("userId").asString();
        long stamp = OffsetDateTime.parse(score.path("timestamp").asString()).toEpochSecond(); // strtotime: whole seconds
        sentAt.put(OffsetDateTime.parse(score.path("timestamp").asString()).toInstant(), java.time.Instant.now());
        Hold held = hold;
        if (held != null) {
            hold = null;
            held.arrived().countDown();
            try {
                held.released().await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            Long modified = timemodified.get(item + " " + user);
            if (modified != null && modified >= stamp) {
                answers.add(score.path("timestamp").asString() + " refused");
                return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition().withStatus(409)
                        // As Moodle answers: its words in the status line's reason phrase, an empty JSON array as the body.
                        .withStatusMessage("Refusing score with an earlier timestamp for item " + item + " and user " + user)
                        .withHeader("Content-Type", "application/vnd.ims.lis.v1.score+json; charset=utf-8").withBody("[]").build();
            }
            timemodified.put(item + " " + user, stamp);
            grades.put(item + " " + user, score.path("scoreGiven").asDouble());
            answers.add(score.path("timestamp").asString() + " taken");
        }
        return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{}").build();
    }
}
