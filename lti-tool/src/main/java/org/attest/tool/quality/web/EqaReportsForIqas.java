package org.attest.tool.quality.web;

import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.quality.internal.EqaReports;
import org.attest.tool.quality.internal.QualityAccess;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The external verifiers' visit reports on the centre, for its internal quality assurers. */
@Controller
class EqaReportsForIqas {

    private final EqaReports reports;
    private final QualityAccess access;

    EqaReportsForIqas(EqaReports reports, QualityAccess access) {
        this.reports = reports;
        this.access = access;
    }

    @GetMapping("/s/{token}/iqa/eqa-reports")
    String reports(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        model.addAttribute("reports", reports.forIqa(user, access));
        return "quality/eqa-reports";
    }
}
