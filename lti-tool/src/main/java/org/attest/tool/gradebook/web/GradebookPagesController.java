package org.attest.tool.gradebook.web;

import java.util.UUID;
import org.attest.tool.gradebook.scores.ScoreQueues;
import org.attest.tool.lti.AdminPage;
import org.attest.tool.lti.AdminPages;
import org.attest.tool.lti.LtiPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
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

    private final ScoreQueues queues;

    GradebookPagesController(ScoreQueues queues) {
        this.queues = queues;
    }

    @GetMapping
    String queue(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        model.addAttribute("queues", queues.visibleTo(user, PROBLEMS_SHOWN));
        return "admin/gradebook";
    }

    /** Sends one score again now. */
    @PostMapping("/scores/{id}/retry")
    RedirectView retry(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID id) {
        boolean queued = queues.retry(user, id);
        return AdminPages.seeOther("/s/" + token + "/admin/gradebook?" + (queued ? "retried=1" : "unchanged"));
    }

    /** Sends every failed score of one platform again. */
    @PostMapping("/retry-failed")
    RedirectView retryFailed(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @RequestParam UUID platformId) {
        return AdminPages.seeOther("/s/" + token + "/admin/gradebook?retried=" + queues.retryFailed(user, platformId));
    }
}
