package org.attest.tool.quality.web;

import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.quality.internal.LearnerDetails;
import org.attest.tool.quality.internal.Placements;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Learner details: an IQA reads and corrects each learner's ULN, employer and assessment site (the certificate claim
 * needs the ULN, the sampling plan spreads across employers and sites). The ready-to-claim page's ULN form still posts
 * to {@code /iqa/ulns}.
 */
@Controller
class LearnerDetailsPages {

    private final LearnerDetails details;

    LearnerDetailsPages(LearnerDetails details) {
        this.details = details;
    }

    @GetMapping("/s/{token}/iqa/learners")
    String learners(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        model.addAttribute("learners", details.ofCentre(user));
        model.addAttribute("maxLength", Placements.MAX_LENGTH);
        return "quality/learners";
    }

    @PostMapping("/s/{token}/iqa/learners")
    RedirectView change(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token,
            @RequestParam(defaultValue = "") String learnerSubject, @RequestParam(required = false) String uln,
            @RequestParam(required = false) String employer, @RequestParam(required = false) String site) {
        boolean changed = details.change(user, learnerSubject, uln, employer, site);
        return seeOther("/s/" + token + "/iqa/learners?" + (changed ? "saved" : "unchanged"));
    }

    /** Where ULNs were entered before the Learner details page: it leads there. */
    @GetMapping("/s/{token}/iqa/ulns")
    RedirectView ulns(@PathVariable String token) {
        return seeOther("/s/" + token + "/iqa/learners");
    }

    /** The ready-to-claim page's ULN form: a ULN is required there. */
    @PostMapping("/s/{token}/iqa/ulns")
    RedirectView enterUln(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token,
            @RequestParam(defaultValue = "") String learnerSubject, @RequestParam(defaultValue = "") String uln) {
        details.enterUln(user, learnerSubject, uln);
        return seeOther("/s/" + token + "/iqa/ready?uln");
    }

    private static RedirectView seeOther(String path) {
        RedirectView view = new RedirectView(path, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        return view;
    }
}
