package org.attest.tool.lti.web;

import org.attest.tool.lti.AdminPage;
import org.attest.tool.lti.AdminPages;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.PlatformAdministration;
import org.attest.tool.lti.internal.ToolConfiguration;
import org.attest.tool.lti.internal.ToolKeyAdministration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;

/** Attest's own side of a registration: the values to paste into an LMS, one-time registration URLs, and the tool's keys. */
@Controller
@AdminPage
@RequestMapping("/s/{token}/admin")
class ToolPagesController {

    private final ToolConfiguration tool;
    private final PlatformAdministration platforms;
    private final ToolKeyAdministration keys;

    ToolPagesController(ToolConfiguration tool, PlatformAdministration platforms, ToolKeyAdministration keys) {
        this.tool = tool;
        this.platforms = platforms;
        this.keys = keys;
    }

    @GetMapping("/lms")
    String lmsValues(Model model) {
        return lmsPage(model, null);
    }

    @PostMapping("/registration-urls")
    String makeRegistrationUrl(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        // Shown once on this page rather than redirected to, so the URL is never in a link or the history.
        return lmsPage(model, platforms.makeRegistrationUrl(user));
    }

    @GetMapping("/keys")
    String keys(@RequestParam(required = false) String done, Model model) {
        model.addAttribute("keys", keys.keys());
        model.addAttribute("jwksUrl", tool.jwksUrl());
        model.addAttribute("done", done);
        return "admin/keys";
    }

    @PostMapping("/keys/rotate")
    View rotate(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token) {
        keys.rotate(user);
        return AdminPages.seeOther(AdminPages.home(token) + "/keys?done=rotated");
    }

    private String lmsPage(Model model, String oneTimeUrl) {
        model.addAttribute("loginUrl", tool.loginUrl());
        model.addAttribute("launchUrl", tool.launchUrl());
        model.addAttribute("jwksUrl", tool.jwksUrl());
        model.addAttribute("iconUrl", tool.iconUrl());
        model.addAttribute("domain", tool.domain());
        model.addAttribute("openRegistrationUrl", tool.openRegistrationUrl().orElse(null));
        model.addAttribute("canvasUrl", tool.canvasConfigurationUrl());
        model.addAttribute("oneTimeUrl", oneTimeUrl);
        return "admin/lms";
    }
}
