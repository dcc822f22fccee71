package org.attest.tool.lti;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * What every admin HTML page ({@link AdminPage}) shares, whichever module serves it: whether the user is the
 * operator, and the admin error page; with the redirects and names the admin pages use.
 */
@ControllerAdvice(annotations = AdminPage.class)
public class AdminPages {

    private final PlatformAdministration administration;

    AdminPages(PlatformAdministration administration) {
        this.administration = administration;
    }

    /** True for the operator, who may add platforms, make registration URLs and rotate keys. */
    @ModelAttribute("operator")
    boolean operator() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a instanceof LtiAuthentication lti && administration.managesTheTool(lti.getPrincipal());
    }

    @ExceptionHandler(AdminRefused.class)
    ModelAndView refused(AdminRefused e, HttpServletRequest request) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("heading", switch (e.kind()) {
            case NOT_FOUND -> "Not found";
            case NOT_ALLOWED -> "Only the operator can do this";
            case INVALID -> "Attest could not do this";
        });
        model.put("detail", e.getMessage());
        model.put("hint", "Nothing was changed.");
        model.put("status", e.kind().status());
        model.put("back", adminHome(request));
        return new ModelAndView("admin/error", model, HttpStatus.valueOf(e.kind().status()));
    }

    /** A 303 redirect, so a reload after a form post does not post again. */
    public static RedirectView seeOther(String path) {
        RedirectView view = new RedirectView(path, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        view.setExposeModelAttributes(false);
        return view;
    }

    /** Who did something, as the admin pages record it ("Operator", a launch's name or email, "API token 'ci'"). */
    public static String who(LtiPrincipal user) {
        return user.displayName();
    }

    public static String home(String token) {
        return "/s/" + token + "/admin";
    }

    private static String adminHome(HttpServletRequest request) {
        String[] parts = request.getServletPath().split("/");
        return parts.length > 2 && "s".equals(parts[1]) ? home(parts[2]) : null;
    }
}
