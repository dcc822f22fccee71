package org.attest.tool.gradebook.scores;

import java.util.List;
import java.util.UUID;
import org.attest.tool.gradebook.tasks.GradebookAccess;
import org.attest.tool.lti.AdminRefused;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.Platform;
import org.springframework.stereotype.Service;

/**
 * The score queue as an administrator sees it: for each platform they manage, how many scores wait, how long the
 * oldest has waited, which the LMS refused and why; and sending refused scores again once the cause is fixed. Another
 * platform's score or queue is not found, and nothing changes.
 */
@Service
public class ScoreQueues {

    /** One platform's part of the queue. */
    public record PlatformQueue(Platform platform, ScoreOutbox.Status status, List<ScoreOutbox.Problem> problems) {
    }

    private final ScoreOutbox outbox;
    private final GradebookAccess access;

    ScoreQueues(ScoreOutbox outbox, GradebookAccess access) {
        this.outbox = outbox;
        this.access = access;
    }

    /** The queues of the platforms this administrator manages, with at most {@code problemsShown} refusals each. */
    public List<PlatformQueue> visibleTo(LtiPrincipal admin, int problemsShown) {
        return access.managedPlatforms(admin).stream().map(platform -> new PlatformQueue(platform, outbox.status(platform.id()),
                outbox.problems(platform.id(), problemsShown))).toList();
    }

    /** Sends one score again now; false when it was no longer waiting to be resent. */
    public boolean retry(LtiPrincipal admin, UUID scoreId) {
        QueuedScore score = outbox.find(scoreId).filter(s -> access.manages(admin, s.platformId()))
                .orElseThrow(() -> AdminRefused.notFound("There is no score '" + scoreId + "' for a platform you manage"));
        return outbox.retry(score.id());
    }

    /** Sends every refused score of one platform again; how many. */
    public int retryFailed(LtiPrincipal admin, UUID platformId) {
        if (!access.manages(admin, platformId)) {
            throw AdminRefused.notFound("There is no platform '" + platformId + "' among those you manage");
        }
        return outbox.retryFailed(platformId);
    }
}
