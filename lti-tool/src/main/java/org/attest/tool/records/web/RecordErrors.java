package org.attest.tool.records.web;

import jakarta.servlet.http.HttpServletResponse;
import org.attest.tool.portfolio.PortfolioRefused;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** The record pages' refusals: what was refused and what to do, on the one error page, with the matching status. */
@ControllerAdvice(basePackages = "org.attest.tool.records.web")
class RecordErrors {

    @ExceptionHandler(PortfolioRefused.class)
    String refused(PortfolioRefused e, HttpServletResponse response, Model model) {
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
