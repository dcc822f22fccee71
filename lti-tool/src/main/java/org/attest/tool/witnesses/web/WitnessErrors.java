package org.attest.tool.witnesses.web;

import jakarta.servlet.http.HttpServletResponse;
import org.attest.tool.witnesses.internal.WitnessRefused;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** The witness pages' refusals: what was refused and what to do, on the one error page, with the matching status. */
@ControllerAdvice(basePackages = "org.attest.tool.witnesses.web")
class WitnessErrors {

    @ExceptionHandler(WitnessRefused.class)
    String refused(WitnessRefused e, HttpServletResponse response, Model model) {
        response.setStatus(switch (e.kind()) {
            case NOT_FOUND -> HttpServletResponse.SC_NOT_FOUND;
            case FORBIDDEN -> HttpServletResponse.SC_FORBIDDEN;
            case INVALID -> HttpServletResponse.SC_BAD_REQUEST;
        });
        model.addAttribute("message", e.getMessage());
        return "web/refused";
    }
}
