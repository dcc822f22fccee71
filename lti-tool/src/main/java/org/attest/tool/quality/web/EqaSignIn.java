package org.attest.tool.quality.web;

import jakarta.servlet.http.HttpServletResponse;
import org.attest.tool.lti.SessionStarter;
import org.attest.tool.quality.internal.EqaGrants;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

/**
 * An external verifier signs in with the one-time link the centre sent and the access code it gave out of band. The
 * link page asks for the code (opening it uses nothing up, so a mail scanner that follows links does no harm); the
 * right code starts a session whose pages live under {@code /s/{token}/eqa}, a normal top-level site.
 */
@Controller
class EqaSignIn {

    private final EqaGrants grants;
    private final SessionStarter sessions;

    EqaSignIn(EqaGrants grants, SessionStarter sessions) {
        this.grants = grants;
        this.sessions = sessions;
    }

    @GetMapping("/eqa/{link}")
    String form(@PathVariable String link, Model model, HttpServletResponse response) {
        EqaGrants.SignIn checked = grants.link(link);
        return page(checked, checked.accepted() ? null : checked.refusal(), model, response);
    }

    @PostMapping("/eqa/{link}")
    Object signIn(@PathVariable String link, @RequestParam(defaultValue = "") String code, Model model,
            HttpServletResponse response) {
        EqaGrants.SignIn result = grants.signIn(link, code);
        if (!result.accepted()) {
            return page(grants.link(link), result.refusal(), model, response, result.status());
        }
        String token = sessions.start(grants.principal(result.grant()));
        RedirectView home = new RedirectView("/s/" + token + "/eqa", true);
        home.setStatusCode(org.springframework.http.HttpStatus.SEE_OTHER);
        return home;
    }

    private static String page(EqaGrants.SignIn checked, String refusal, Model model, HttpServletResponse response) {
        return page(checked, refusal, model, response, checked.status());
    }

    private static String page(EqaGrants.SignIn checked, String refusal, Model model, HttpServletResponse response,
            int status) {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("grant", checked.accepted() ? checked.grant() : null);
        model.addAttribute("refusal", refusal);
        return "quality/eqa-sign-in";
    }
}
