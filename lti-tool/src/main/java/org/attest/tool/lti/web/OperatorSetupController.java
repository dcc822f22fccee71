package org.attest.tool.lti.web;

import java.util.Map;
import org.attest.tool.lti.AdminPages;
import org.attest.tool.lti.internal.OperatorSetup;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/** {@code /admin/setup/{token}}: the operator's one-time link into the admin pages. */
@Controller
class OperatorSetupController {

    private final OperatorSetup setup;

    OperatorSetupController(OperatorSetup setup) {
        this.setup = setup;
    }

    @GetMapping("/admin/setup/{setupToken}")
    ModelAndView signIn(@PathVariable String setupToken) {
        return setup.signIn(setupToken)
                .map(session -> new ModelAndView(AdminPages.seeOther("/s/" + session + "/admin")))
                .orElseGet(() -> new ModelAndView("admin/error", Map.of(
                        "heading", "This setup link no longer works",
                        "detail", "The link is unknown, has expired (links last 24 hours) or was used already: each works once.",
                        "hint", "To get a new link, whoever runs the Attest server runs it once with "
                                + "--attest.admin.new-setup-link=true, which prints a fresh link and exits (see docs/admin.md). "
                                + "If you used this link a moment ago, go back to the admin page you opened with it.",
                        "status", 403), HttpStatus.FORBIDDEN));
    }
}
