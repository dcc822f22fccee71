package org.attest.tool.lti.web;

import org.attest.tool.lti.AdminPage;
import org.attest.tool.lti.AdminPages;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.internal.ServiceOriginAdministration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** Adding and removing a platform's service origins (the "Service origins" section of its admin page). */
@Controller
@AdminPage
@RequestMapping("/s/{token}/admin/platforms/{id}/service-origins")
class ServiceOriginsController {

    private final ServiceOriginAdministration origins;

    ServiceOriginsController(ServiceOriginAdministration origins) {
        this.origins = origins;
    }

    @PostMapping
    ModelAndView allow(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable String id,
            @RequestParam(required = false) String origin) {
        origins.allow(user, id, origin);
        return new ModelAndView(AdminPages.seeOther(AdminPages.home(token) + "/platforms/" + id + "?done=origin-added#service-origins"));
    }

    @PostMapping("/remove")
    ModelAndView remove(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable String id,
            @RequestParam(required = false) String origin) {
        origins.remove(user, id, origin);
        return new ModelAndView(AdminPages.seeOther(AdminPages.home(token) + "/platforms/" + id + "?done=origin-removed#service-origins"));
    }
}
