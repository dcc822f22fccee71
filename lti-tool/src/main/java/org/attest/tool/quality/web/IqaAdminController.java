package org.attest.tool.quality.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.lti.AdminPage;
import org.attest.tool.lti.AdminPages;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformAdministration;
import org.attest.tool.portfolio.CentreAssessors;
import org.attest.tool.quality.internal.IqaPeople;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The centre administrator names internal quality assurers among the tutors who launched Attest from their
 * platforms: qualification, working towards it or not, lead IQA, active. Bad input is shown on the page and changes
 * nothing.
 */
@Controller
@AdminPage
@RequestMapping("/s/{token}/admin/iqa")
class IqaAdminController {

    /** One row of the page: a tutor, and their IQA record if they have one. */
    record Row(CentreAssessors.Person person, IqaPeople.Iqa iqa) {

        public boolean isIqa() {
            return iqa != null && iqa.active();
        }
    }

    private final PlatformAdministration administration;
    private final CentreAssessors staff;
    private final IqaPeople iqas;

    IqaAdminController(PlatformAdministration administration, CentreAssessors staff, IqaPeople iqas) {
        this.administration = administration;
        this.staff = staff;
        this.iqas = iqas;
    }

    @GetMapping
    String list(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        Map<Platform, List<Row>> byPlatform = new LinkedHashMap<>();
        for (Platform platform : administration.visibleTo(user)) {
            byPlatform.put(platform, rows(platform.id()));
        }
        model.addAttribute("byPlatform", byPlatform);
        model.addAttribute("qualificationMax", IqaPeople.QUALIFICATION_MAX);
        return "admin/iqa";
    }

    @PostMapping
    Object appoint(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @RequestParam UUID platformId,
            @RequestParam String subject, @RequestParam(defaultValue = "") String qualification,
            @RequestParam(defaultValue = "false") boolean workingTowards, @RequestParam(defaultValue = "false") boolean lead,
            @RequestParam(defaultValue = "false") boolean active, Model model) {
        Platform platform = administration.visibleTo(user).stream().filter(p -> p.id().equals(platformId)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "There is no platform '" + platformId + "' among those you manage"));
        CentreAssessors.Person person = staff.find(platform.id(), subject)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "No tutor '" + subject + "' has launched Attest from " + platform.name()
                                + ": an IQA is named among the tutors who did"));
        IqaPeople.Appointment appointment;
        try {
            appointment = new IqaPeople.Appointment(qualification, workingTowards, lead, active);
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", person.name() + ": " + e.getMessage() + ". Nothing was changed.");
            model.addAttribute("errorSubject", subject);
            return list(user, model);
        }
        iqas.appoint(platform.id(), subject, person.name(), appointment, AdminPages.who(user));
        return AdminPages.seeOther("/s/" + token + "/admin/iqa?done");
    }

    private List<Row> rows(UUID platformId) {
        Map<String, IqaPeople.Iqa> named = new LinkedHashMap<>();
        iqas.onPlatform(platformId).forEach(i -> named.put(i.subject(), i));
        List<Row> rows = new ArrayList<>();
        for (CentreAssessors.Person person : staff.of(platformId)) {
            rows.add(new Row(person, Optional.ofNullable(named.remove(person.subject())).orElse(null)));
        }
        // an IQA the centre named whom the tutors' list no longer shows is still listed
        named.values().forEach(i -> rows.add(new Row(new CentreAssessors.Person(platformId, i.subject(), i.name(), true), i)));
        return rows;
    }
}
