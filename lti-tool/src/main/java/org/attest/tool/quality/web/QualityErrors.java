package org.attest.tool.quality.web;

import jakarta.servlet.http.HttpServletResponse;
import org.attest.tool.quality.internal.QualityRefused;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The quality pages' refusals: what was refused and what to do, on the one error page, with the matching status. What
 * the portfolio refuses them ({@code PortfolioRefused}) the portfolio's own error advice answers, as for every page.
 */
@ControllerAdvice(basePackages = "org.attest.tool.quality.web")
class QualityErrors {

    @ExceptionHandler(QualityRefused.class)
    String refused(QualityRefused e, HttpServletResponse response, Model model) {
        response.setStatus(switch (e.kind()) {
            case NOT_FOUND -> HttpServletResponse.SC_NOT_FOUND;
            case FORBIDDEN -> HttpServletResponse.SC_FORBIDDEN;
            case INVALID -> HttpServletResponse.SC_BAD_REQUEST;
        });
        model.addAttribute("message", e.getMessage());
        return "web/refused";
    }
}
