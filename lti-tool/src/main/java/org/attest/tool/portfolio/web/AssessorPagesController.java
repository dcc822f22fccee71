package org.attest.tool.portfolio.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.lti.AdminPage;
import org.attest.tool.lti.AdminPages;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformAdministration;
import org.attest.tool.portfolio.internal.Assessors;
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
 * Assessors' qualified status, per platform the admin manages. Assessors appear after their first
 * launch; an unqualified assessor's decisions and sign-offs need a qualified assessor's countersignature.
 */
@Controller
@AdminPage
@RequestMapping("/s/{token}/admin/assessors")
class AssessorPagesController {

    private final PlatformAdministration administration;
    private final Assessors assessors;

    AssessorPagesController(PlatformAdministration administration, Assessors assessors) {
        this.administration = administration;
        this.assessors = assessors;
    }

    @GetMapping
    String list(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        Map<Platform, List<Assessors.AssessorStatus>> byPlatform = new LinkedHashMap<>();
        for (Platform platform : administration.visibleTo(user)) {
            byPlatform.put(platform, assessors.onPlatform(platform.id()));
        }
        model.addAttribute("byPlatform", byPlatform);
        return "admin/assessors";
    }

    @PostMapping
    RedirectView flag(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token,
            @RequestParam UUID platformId, @RequestParam String subject, @RequestParam boolean qualified) {
        Platform platform = administration.visibleTo(user).stream().filter(p -> p.id().equals(platformId)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND,
                        "There is no platform '" + platformId + "' among those you manage"));
        if (assessors.status(platform.id(), subject).isEmpty()) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND,
                    "No assessor '" + subject + "' has launched Attest from " + platform.name());
        }
        assessors.flag(platform.id(), subject, null, qualified, AdminPages.who(user));
        return AdminPages.seeOther("/s/" + token + "/admin/assessors?done");
    }
}
