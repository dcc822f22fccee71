package org.attest.tool.quality.web;

import jakarta.servlet.http.HttpServletResponse;
import org.attest.tool.portfolio.PortfolioRefused;
import org.attest.tool.quality.internal.QualityRefused;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** The quality pages' refusals: what was refused and what to do, on the one error page, with the matching status. */
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

    /** The portfolio refused what the IQA asked of it (a unit outside their centre, their own assessment). */
    @ExceptionHandler(PortfolioRefused.class)
    String portfolioRefused(PortfolioRefused e, HttpServletResponse response, Model model) {
        response.setStatus(switch (e.kind()) {
            case NOT_FOUND -> HttpServletResponse.SC_NOT_FOUND;
            case FORBIDDEN -> HttpServletResponse.SC_FORBIDDEN;
            case INVALID -> HttpServletResponse.SC_BAD_REQUEST;
            case CONFLICT -> HttpServletResponse.SC_CONFLICT;
        });
        model.addAttribute("message", e.getMessage());
        return "web/refused";
    }
}
