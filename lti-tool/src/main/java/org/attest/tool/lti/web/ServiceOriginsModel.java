package org.attest.tool.lti.web;

import org.attest.tool.lti.AdminRefused;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.internal.ServiceOriginAdministration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/** Gives the platform page its "Service origins" section (admin/service-origins.html). */
@ControllerAdvice(assignableTypes = PlatformPagesController.class)
class ServiceOriginsModel {

    private final ServiceOriginAdministration origins;

    ServiceOriginsModel(ServiceOriginAdministration origins) {
        this.origins = origins;
    }

    @ModelAttribute("serviceOrigins")
    ServiceOriginAdministration.View serviceOrigins(@AuthenticationPrincipal LtiPrincipal user,
            @PathVariable(name = "id", required = false) String id) {
        if (id == null || user == null) {
            return null;
        }
        try {
            return origins.view(user, id);
        } catch (AdminRefused e) {
            return null; // the page's own handler refuses the request with the same reason
        }
    }
}
