package org.attest.tool.documents.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.attest.tool.documents.internal.PortfolioExports;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.PortfolioRefused;
import org.attest.tool.portfolio.UnitContents;
import org.attest.tool.quality.GrantedUnits;
import org.attest.tool.quality.Iqas;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The verifiable portfolio export of a learner's unit as a ZIP, for whoever may read the portfolio (its learner, the
 * course's assessors, its internal verifiers, an external verifier within their grant, whose download is recorded
 * in the audit trail like every page they open). Everything is read and checked, and the export recorded on each
 * learner unit it holds, before the first byte; the ZIP is then written to the response as it is produced, so it has
 * no Content-Length and goes out in chunks. A learner's export and a course's hold a folder per learner unit; a course
 * is exported by its assessors (the caseload) and the centre's IQAs (their home page), an EQA exports every unit of
 * their grant; centre administrators export from the admin pages ({@link AdminExportPages}).
 */
@Controller
class ExportController {

    static final String ZIP = "application/zip";

    private final PortfolioExports exports;
    private final UnitContents contents;
    private final Iqas iqas;
    private final GrantedUnits grantedUnits;

    ExportController(PortfolioExports exports, UnitContents contents, Iqas iqas, GrantedUnits grantedUnits) {
        this.exports = exports;
        this.contents = contents;
        this.iqas = iqas;
        this.grantedUnits = grantedUnits;
    }

    @GetMapping("/s/{token}/portfolio/{id}/export.zip")
    void unit(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID id, HttpServletResponse response)
            throws IOException {
        PortfolioExports.UnitExport export = exports.unit(user, id);
        start(response, export.name() + ".zip");
        exports.write(export, response.getOutputStream());
    }

    /** All the units of the learner of this unit in its course, a folder each. */
    @GetMapping("/s/{token}/portfolio/{id}/learner-export.zip")
    void learner(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID id, HttpServletResponse response)
            throws IOException {
        List<PortfolioExports.UnitExport> units = exports.learner(user, id);
        start(response, units.get(0).form().learnerName().replaceAll("[^A-Za-z0-9]+", "-") + "-portfolio.zip");
        exports.writeAll(units, response.getOutputStream());
    }

    /** Every learner unit of the assessor's course (the caseload), a folder each. */
    @GetMapping("/s/{token}/caseload/export.zip")
    void course(@AuthenticationPrincipal LtiPrincipal user, HttpServletResponse response) throws IOException {
        List<PortfolioExports.UnitExport> units = exports.course(user);
        String course = user.contextTitle() != null ? user.contextTitle() : user.contextId();
        start(response, "Course-" + (course == null ? "export" : course.replaceAll("[^A-Za-z0-9]+", "-")) + ".zip");
        exports.writeAll(units, response.getOutputStream());
    }

    /**
     * Every learner unit of a course of the IQA's centre (from the IQA's home page): refused (403) to anyone who is not
     * an active IQA of the centre they launched from, "not found" for a course of another centre or without units.
     */
    @GetMapping("/s/{token}/iqa/courses/{courseKey}/export.zip")
    void iqaCourse(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String courseKey,
            HttpServletResponse response) throws IOException {
        if (user.platformId() == null || !iqas.isIqaOf(user, user.platformId())) {
            throw PortfolioRefused.forbidden("only your centre's internal quality assurers (IQAs) export a course from "
                    + "here; an assessor exports their own course from the caseload");
        }
        Course course = Course.fromKey(courseKey).filter(c -> c.platformId().equals(user.platformId()))
                .orElseThrow(() -> PortfolioRefused.notFound("that course"));
        List<PortfolioExports.UnitExport> units = exports.units(user, contents.readableCourseUnits(user, course),
                UnitContents.Export.COURSE);
        start(response, courseFileName(course.contextId()));
        exports.writeAll(units, response.getOutputStream());
    }

    /**
     * Every learner unit an external verifier's grant covers (from the EQA's home page), while the grant is active:
     * refused (403) once it has ended or was revoked, like every EQA page.
     */
    @GetMapping("/s/{token}/eqa/export.zip")
    void grant(@AuthenticationPrincipal LtiPrincipal user, HttpServletResponse response) throws IOException {
        List<UUID> covered = grantedUnits.ofActiveGrant(user).orElseThrow(() -> PortfolioRefused.forbidden(
                "the export is for an external verifier whose centre's grant is active; the grant has ended, was "
                        + "revoked or has not started. Ask the centre."));
        if (covered.isEmpty()) {
            throw PortfolioRefused.notFound("a learner unit your grant covers (there is none yet)");
        }
        List<PortfolioExports.UnitExport> units = exports.units(user, covered, UnitContents.Export.GRANT);
        start(response, "External-verification.zip");
        exports.writeAll(units, response.getOutputStream());
    }

    static String courseFileName(String contextId) {
        return "Course-" + (contextId == null ? "export" : contextId.replaceAll("[^A-Za-z0-9]+", "-")) + ".zip";
    }

    static void start(HttpServletResponse response, String fileName) {
        response.setContentType(ZIP);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }
}
