package org.attest.tool.gradebook.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.gradebook.QueuedScore;
import org.attest.tool.gradebook.ScoreOutbox;
import org.attest.tool.lti.AdminPage;
import org.attest.tool.lti.AdminPages;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformAdministration;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Scores on their way to each LMS the admin manages: how many wait, how long the oldest has waited,
 * which the LMS refused and why, and a way to send them again once the cause is fixed.
 */
@Controller
@AdminPage
@RequestMapping("/s/{token}/admin/gradebook")
class GradebookPagesController {

    static final int PROBLEMS_SHOWN = 50;

    /** One platform's part of the queue. */
    record PlatformQueue(Platform platform, ScoreOutbox.Status status, List<ScoreOutbox.Problem> problems) {
    }

    private final PlatformAdministration administration;
    private final ScoreOutbox outbox;

    GradebookPagesController(PlatformAdministration administration, ScoreOutbox outbox) {
        this.administration = administration;
        this.outbox = outbox;
    }

    @GetMapping
    String queue(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        Map<UUID, PlatformQueue> queues = new LinkedHashMap<>();
        for (Platform platform : administration.visibleTo(user)) {
            queues.put(platform.id(), new PlatformQueue(platform, outbox.status(platform.id()),
                    outbox.problems(platform.id(), PROBLEMS_SHOWN)));
        }
        model.addAttribute("queues", queues.values());
        return "admin/gradebook";
    }

    /** Sends one score again now. */
    @PostMapping("/scores/{id}/retry")
    RedirectView retry(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID id) {
        QueuedScore score = outbox.find(id).filter(s -> managed(user, s.platformId()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no score '" + id
                        + "' for a platform you manage"));
        boolean queued = outbox.retry(score.id());
        return AdminPages.seeOther("/s/" + token + "/admin/gradebook?" + (queued ? "retried=1" : "unchanged"));
    }

    /** Sends every failed score of one platform again. */
    @PostMapping("/retry-failed")
    RedirectView retryFailed(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @RequestParam UUID platformId) {
        if (!managed(user, platformId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no platform '" + platformId + "' among those you manage");
        }
        int queued = outbox.retryFailed(platformId);
        return AdminPages.seeOther("/s/" + token + "/admin/gradebook?retried=" + queued);
    }

    private boolean managed(LtiPrincipal user, UUID platformId) {
        return administration.visibleTo(user).stream().anyMatch(p -> p.id().equals(platformId));
    }
}
