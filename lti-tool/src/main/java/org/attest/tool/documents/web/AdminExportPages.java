package org.attest.tool.documents.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.documents.internal.PortfolioExports;
import org.attest.tool.lti.AdminPage;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformAdministration;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.UnitContents;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The centre administrator's portfolio exports: their centre's courses (the operator's: every platform's), each with
 * a link to the course's export. The administrator reads the portfolios only inside the export
 * ({@link UnitContents#exportCourseAsAdministrator}); the export is recorded on every learner unit it holds, with their
 * role. Another centre's course is "not found" and nothing is recorded.
 */
@Controller
@AdminPage
class AdminExportPages {

    private final UnitContents contents;
    private final PortfolioExports exports;
    private final PlatformAdministration administration;

    AdminExportPages(UnitContents contents, PortfolioExports exports, PlatformAdministration administration) {
        this.contents = contents;
        this.exports = exports;
        this.administration = administration;
    }

    @GetMapping("/s/{token}/admin/exports")
    String list(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        Map<UUID, List<UnitContents.CourseToExport>> courses = new LinkedHashMap<>();
        contents.coursesToExport(user).forEach(c -> courses.computeIfAbsent(c.course().platformId(), p -> new ArrayList<>())
                .add(c));
        Map<Platform, List<UnitContents.CourseToExport>> byPlatform = new LinkedHashMap<>();
        for (Platform platform : administration.visibleTo(user)) {
            byPlatform.put(platform, courses.getOrDefault(platform.id(), List.of()));
        }
        model.addAttribute("byPlatform", byPlatform);
        return "admin/exports";
    }

    @GetMapping("/s/{token}/admin/exports/{courseKey}.zip")
    void export(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String courseKey, HttpServletResponse response)
            throws IOException {
        contents.exportCourseAsAdministrator(user, courseKey, ids -> {
            List<PortfolioExports.UnitExport> units = exports.units(user, ids, UnitContents.Export.COURSE);
            String context = Course.fromKey(courseKey).map(Course::contextId).orElse(null);
            ExportController.start(response, ExportController.courseFileName(context));
            exports.writeAll(units, response.getOutputStream());
        });
    }
}
