package org.attest.tool.portfolio.web;

import jakarta.servlet.http.HttpServletResponse;
import org.attest.tool.portfolio.PortfolioRefused;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * The one error page for portfolio actions: what was refused and what to do, with the matching status. It
 * serves the pages of every feature's {@code web} package and the {@code web} base (task pages and launches
 * refuse with {@link PortfolioRefused} too); named, not typed, so no module depends on another's pages.
 */
@ControllerAdvice(basePackages = {"org.attest.tool.web", "org.attest.tool.lti.web", "org.attest.tool.standards.web",
        "org.attest.tool.portfolio.web", "org.attest.tool.gradebook.web", "org.attest.tool.quality.web",
        "org.attest.tool.witnesses.web", "org.attest.tool.documents.web", "org.attest.tool.records.web"})
class PortfolioErrors {

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

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(MaxUploadSizeExceededException e, HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        model.addAttribute("message", "the upload is larger than Attest accepts; nothing was saved. Compress the file or split it, then try again");
        return "web/refused";
    }

    @ExceptionHandler(MultipartException.class)
    String brokenUpload(MultipartException e, HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("message", "the upload was interrupted or malformed; nothing was saved, please try again");
        return "web/refused";
    }
}
