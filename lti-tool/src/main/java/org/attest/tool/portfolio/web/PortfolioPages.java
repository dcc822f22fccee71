package org.attest.tool.portfolio.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.LaunchedTasks;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.LearnerUnits;
import org.attest.tool.portfolio.PortfolioAccess;
import org.attest.tool.portfolio.PortfolioRefused;
import org.attest.tool.portfolio.internal.Assessment;
import org.attest.tool.portfolio.internal.Evidence;
import org.attest.tool.portfolio.internal.EvidenceInput;
import org.attest.tool.portfolio.internal.EvidenceRecords;
import org.attest.tool.portfolio.internal.PortfolioView;
import org.attest.tool.portfolio.internal.Upload;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The learner's pages: unit overview, evidence form and list, mapping picker, declaration, coverage matrix. */
@Controller
class PortfolioPages {

    private final LearnerUnits learnerUnits;
    private final EvidenceRecords evidence;
    private final Assessment assessment;
    private final LaunchedTasks tasks;
    private final Clock clock;
    private final StatusLabels labels;
    /** Whether a learner reads the internal verifier's reasons on their unit page (by default only the fact of it). */
    private final boolean learnersReadVerifierFeedback;

    PortfolioPages(LearnerUnits learnerUnits, EvidenceRecords evidence, Assessment assessment, LaunchedTasks tasks, Clock clock,
            StatusLabels labels,
            @org.springframework.beans.factory.annotation.Value("${attest.quality.learners-read-verifier-feedback:false}")
            boolean learnersReadVerifierFeedback) {
        this.learnersReadVerifierFeedback = learnersReadVerifierFeedback;
        this.clock = clock;
        this.labels = labels;
        this.tasks = tasks;
        this.learnerUnits = learnerUnits;
        this.evidence = evidence;
        this.assessment = assessment;
    }

    @GetMapping("/s/{token}/portfolio/{id}")
    String overview(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID id,
            @RequestParam(name = "task", required = false) UUID task, Model model) {
        LearnerUnits.Visible visible = learnerUnits.visibleWithOwnUnits(user, id);
        LearnerUnit unit = visible.unit();
        if (task != null) {
            // launched from an assessment task's activity: say what the task is and how it is marked
            LaunchedTasks.Task launched = tasks.visible(user, task);
            model.addAttribute("task", launched.unitCode().equals(unit.unitCode()) ? launched : null);
        }
        boolean assessing = PortfolioAccess.mayAssess(user, unit); // a verifier reads the unit without the forms
        PortfolioView view = learnerUnits.view(unit);
        if (!assessing && !learnersReadVerifierFeedback && unit.held() && PortfolioAccess.owns(user, unit)) {
            view = view.withoutVerifierReasons(); // the verifier's words are for the assessor
        }
        model.addAttribute("view", view);
        model.addAttribute("doing", CriterionRow.of(view.report().performanceCriteria(), view, labels));
        model.addAttribute("knowing", CriterionRow.of(view.report().knowledgeCriteria(), view, labels));
        model.addAttribute("judged", CriterionRow.of(view.report().assessmentCriteria(), view, labels));
        model.addAttribute("owner", PortfolioAccess.owns(user, unit));
        model.addAttribute("assessing", assessing);
        // only the assessor's forms ask whether they are qualified: a learner's page needs no assessor_status read
        model.addAttribute("qualified", assessing && assessment.qualified(user));
        model.addAttribute("otherUnits", visible.ownUnits());
        return "portfolio/overview";
    }

    @GetMapping("/s/{token}/portfolio/{id}/matrix")
    String matrix(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID id, Model model) {
        model.addAttribute("view", learnerUnits.view(learnerUnits.visible(user, id)));
        return "portfolio/matrix";
    }

    @GetMapping("/s/{token}/portfolio/{id}/evidence/new")
    String newEvidence(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID id, Model model) {
        LearnerUnit unit = own(user, learnerUnits.visible(user, id));
        return form(model, learnerUnits.view(unit), EvidenceForm.blank(), null, null);
    }

    @PostMapping("/s/{token}/portfolio/{id}/evidence")
    String addEvidence(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID id,
            EvidenceForm form, @RequestParam(name = "files", required = false) List<MultipartFile> files, Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        LearnerUnit unit = learnerUnits.visible(user, id);
        try {
            Evidence added = evidence.add(user, unit, form.input(), uploads(files));
            return "redirect:/s/" + token + "/evidence/" + added.id() + "/map?added";
        } catch (PortfolioRefused e) {
            if (e.kind() != PortfolioRefused.Kind.INVALID) {
                throw e;
            }
            response.setStatus(400);
            return form(model, learnerUnits.view(unit), form, null, e.getMessage());
        }
    }

    @GetMapping("/s/{token}/evidence/{id}")
    String showEvidence(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID id, Model model) {
        Evidence e = evidence.visible(user, id);
        LearnerUnit unit = learnerUnits.visible(user, e.learnerUnitId());
        model.addAttribute("evidence", e);
        model.addAttribute("view", learnerUnits.view(unit));
        model.addAttribute("versions", evidence.versions(e));
        model.addAttribute("owner", PortfolioAccess.owns(user, unit));
        model.addAttribute("assessing", PortfolioAccess.mayAssess(user, unit));
        return "portfolio/evidence";
    }

    @GetMapping("/s/{token}/evidence/{id}/edit")
    String editEvidence(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID id, Model model) {
        Evidence e = evidence.visible(user, id);
        LearnerUnit unit = own(user, learnerUnits.visible(user, e.learnerUnitId()));
        return form(model, learnerUnits.view(unit), EvidenceForm.of(e), e, null);
    }

    @PostMapping("/s/{token}/evidence/{id}")
    String saveEvidence(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID id,
            EvidenceForm form, @RequestParam(name = "files", required = false) List<MultipartFile> files, Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        Evidence e = evidence.visible(user, id);
        try {
            Evidence saved = evidence.edit(user, id, form.input(), uploads(files));
            return "redirect:/s/" + token + "/evidence/" + saved.id() + (saved.id().equals(id) ? "?saved" : "?newVersion");
        } catch (PortfolioRefused refused) {
            if (refused.kind() != PortfolioRefused.Kind.INVALID) {
                throw refused;
            }
            response.setStatus(400);
            return form(model, learnerUnits.view(learnerUnits.visible(user, e.learnerUnitId())), form, e, refused.getMessage());
        }
    }

    @GetMapping("/s/{token}/evidence/{id}/map")
    String mapping(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID id, Model model) {
        Evidence e = evidence.visible(user, id);
        model.addAttribute("evidence", e);
        model.addAttribute("view", learnerUnits.view(own(user, learnerUnits.visible(user, e.learnerUnitId()))));
        return "portfolio/map";
    }

    @PostMapping("/s/{token}/evidence/{id}/map")
    String saveMapping(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID id,
            @RequestParam(name = "item", required = false) List<UUID> items) {
        Evidence mapped = evidence.map(user, id, items == null ? Set.of() : new LinkedHashSet<>(items));
        return "redirect:/s/" + token + "/portfolio/" + mapped.learnerUnitId() + "?mapped";
    }

    @PostMapping("/s/{token}/portfolio/{id}/declaration")
    String declare(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID id,
            @RequestParam(name = "typedName", required = false) String typedName) {
        assessment.signDeclaration(user, id, typedName);
        return "redirect:/s/" + token + "/portfolio/" + id + "?declared";
    }

    /** Forms that change a portfolio are the learner's own; to anyone else the portfolio is not there. */
    private static LearnerUnit own(LtiPrincipal user, LearnerUnit unit) {
        return PortfolioAccess.requireOwn(user, unit);
    }

    private String form(Model model, PortfolioView view, EvidenceForm form, Evidence editing, String problem) {
        model.addAttribute("view", view);
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("problem", problem);
        model.addAttribute("methods", AssessmentMethod.values());
        model.addAttribute("today", LocalDate.now(clock));
        return "portfolio/evidence-form";
    }

    private static List<Upload> uploads(List<MultipartFile> files) {
        List<Upload> uploads = new ArrayList<>();
        if (files != null) {
            for (MultipartFile f : files) {
                if (f.isEmpty() && (f.getOriginalFilename() == null || f.getOriginalFilename().isBlank())) {
                    continue; // the browser sends an empty part when no file was chosen
                }
                uploads.add(new Upload(f.getOriginalFilename(), f.getContentType(), f::getInputStream));
            }
        }
        return uploads;
    }

    /** The evidence form as posted; strings, so that a wrong value comes back to the learner to correct. */
    record EvidenceForm(String title, String account, String occasionDate, List<String> methods, String customerReference,
            String customerDescriptor, Boolean simulated, String location, String witnessName, String witnessContact,
            String witnessStatus, String witnessRelationship, String witnessSignedName, String witnessSignedOn) {

        static EvidenceForm blank() {
            return new EvidenceForm("", "", "", List.of(), "", "", false, "", "", "", "", "", "", "");
        }

        static EvidenceForm of(Evidence e) {
            Evidence.Witness w = e.witness();
            return new EvidenceForm(e.title(), e.account(), e.occasionDate().toString(),
                    e.methods().stream().map(Enum::name).toList(), e.customerReference(), e.customerDescriptor(),
                    e.simulated(), e.location(), w.name(), w.contact(), w.status() == null ? "" : w.status().toString(),
                    w.relationship(), w.signedName(), w.signedOn() == null ? "" : w.signedOn().toString());
        }

        public boolean has(String method) {
            return methods != null && methods.contains(method);
        }

        EvidenceInput input() {
            List<String> problems = new ArrayList<>();
            LocalDate occasion = date(occasionDate, "occasion date", problems);
            LocalDate signedOn = date(witnessSignedOn, "witness signature date", problems);
            Integer status = null;
            if (witnessStatus != null && !witnessStatus.isBlank()) {
                try {
                    status = Integer.valueOf(witnessStatus.strip());
                } catch (NumberFormatException e) {
                    problems.add("the witness status must be a category from 1 to 5");
                }
            }
            Set<AssessmentMethod> chosen = new LinkedHashSet<>();
            for (String m : methods == null ? List.<String>of() : methods) {
                try {
                    chosen.add(AssessmentMethod.valueOf(m));
                } catch (IllegalArgumentException e) {
                    problems.add("'" + m + "' is not an assessment method");
                }
            }
            if (!problems.isEmpty()) {
                throw PortfolioRefused.invalid(String.join("; ", problems));
            }
            return new EvidenceInput(title, account, occasion, chosen, customerReference, customerDescriptor,
                    Boolean.TRUE.equals(simulated), location,
                    new Evidence.Witness(witnessName, witnessContact, status, witnessRelationship, witnessSignedName, signedOn));
        }

        private static LocalDate date(String value, String what, List<String> problems) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return LocalDate.parse(value.strip());
            } catch (DateTimeParseException e) {
                problems.add("the " + what + " '" + value + "' is not a date (use the date picker, or YYYY-MM-DD)");
                return null;
            }
        }
    }
}
