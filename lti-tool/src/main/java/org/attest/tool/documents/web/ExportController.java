package org.attest.tool.documents.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.attest.tool.documents.internal.PortfolioExports;
import org.attest.tool.lti.LtiPrincipal;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The verifiable portfolio export of a learner's unit as a ZIP, for whoever may read the portfolio (its learner, the
 * course's assessors, its internal verifiers, an external verifier within their grant, whose download is recorded
 * in the audit trail like every page they open). Everything is read and checked before the first byte; the ZIP is then
 * written to the response as it is produced, so it has no Content-Length and goes out in chunks. A learner's export and
 * the course's hold a folder per learner unit; the course's is for the course's assessors, from the caseload.
 */
@Controller
class ExportController {

    static final String ZIP = "application/zip";

    private final PortfolioExports exports;

    ExportController(PortfolioExports exports) {
        this.exports = exports;
    }

    @GetMapping("/s/{token}/portfolio/{id}/export.zip")
    void unit(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID id, HttpServletResponse response)
            throws IOException {
        PortfolioExports.UnitExport export = exports.read(user, id);
        start(response, export.name() + ".zip");
        exports.write(export, response.getOutputStream());
    }

    /** All the units of the learner of this unit in its course, a folder each. */
    @GetMapping("/s/{token}/portfolio/{id}/learner-export.zip")
    void learner(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID id, HttpServletResponse response)
            throws IOException {
        List<PortfolioExports.UnitExport> units = exports.readLearner(user, id);
        start(response, units.get(0).form().learnerName().replaceAll("[^A-Za-z0-9]+", "-") + "-portfolio.zip");
        exports.writeAll(units, response.getOutputStream());
    }

    /** Every learner unit of the assessor's course (the caseload), a folder each. */
    @GetMapping("/s/{token}/caseload/export.zip")
    void course(@AuthenticationPrincipal LtiPrincipal user, HttpServletResponse response) throws IOException {
        List<PortfolioExports.UnitExport> units = exports.readCourse(user);
        String course = user.contextTitle() != null ? user.contextTitle() : user.contextId();
        start(response, "Course-" + (course == null ? "export" : course.replaceAll("[^A-Za-z0-9]+", "-")) + ".zip");
        exports.writeAll(units, response.getOutputStream());
    }

    static void start(HttpServletResponse response, String fileName) {
        response.setContentType(ZIP);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }
}
