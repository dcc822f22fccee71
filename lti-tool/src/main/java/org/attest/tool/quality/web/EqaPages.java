package org.attest.tool.quality.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.UnitForSampling;
import org.attest.tool.quality.internal.AssessorObservations;
import org.attest.tool.quality.internal.EqaGrant;
import org.attest.tool.quality.internal.EqaGrants;
import org.attest.tool.quality.internal.EqaOutcome;
import org.attest.tool.quality.internal.EqaReports;
import org.attest.tool.quality.internal.IqaReviews;
import org.attest.tool.quality.internal.QualityRefused;
import org.attest.tool.quality.internal.SamplingPlans;
import org.attest.tool.standards.FrameworkCatalog;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The external verifier's pages, read-only except the visit report: the grant and the learner units it covers (each
 * with its portfolio, which the portfolio serves read-only to verifiers, and its IQA decisions), the centre's sampling
 * plans of the qualification with their sample and matrix, and the visit report form. Every request checks the grant
 * is active, so a revocation ends access at once; {@link EqaViews} records each page opened.
 */
@Controller
class EqaPages {

    private final EqaGrants grants;
    private final SamplingPlans plans;
    private final IqaReviews reviews;
    private final EqaReports reports;
    private final FrameworkCatalog catalog;
    private final java.time.Clock clock;
    private final AssessorObservations observations;

    EqaPages(EqaGrants grants, SamplingPlans plans, IqaReviews reviews, EqaReports reports, FrameworkCatalog catalog,
            java.time.Clock clock, AssessorObservations observations) {
        this.observations = observations;
        this.clock = clock;
        this.grants = grants;
        this.plans = plans;
        this.reviews = reviews;
        this.reports = reports;
        this.catalog = catalog;
    }

    @GetMapping("/s/{token}/eqa")
    String home(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        EqaGrant grant = grants.requireActive(user);
        model.addAttribute("grant", grant);
        model.addAttribute("qualification", qualification(grant));
        model.addAttribute("units", grants.coveredUnits(grant));
        model.addAttribute("plans", plans.plansForEqa(grant));
        model.addAttribute("reports", reports.reports(grant.platformId()).stream()
                .filter(r -> r.grantId().equals(grant.id())).toList());
        return "quality/eqa-home";
    }

    @GetMapping("/s/{token}/eqa/plans/{planId}")
    String plan(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID planId, Model model) {
        EqaGrant grant = grants.requireActive(user);
        SamplingPlans.Sample sample = plans.sampleForEqa(grant, planId);
        model.addAttribute("grant", grant);
        model.addAttribute("sample", sample);
        model.addAttribute("plan", sample.plan());
        model.addAttribute("matrix", plans.matrixForEqa(grant, planId));
        // the plan's observations of assessors; one naming a learner unit only if the grant covers that unit
        java.util.Set<UUID> covered = new java.util.HashSet<>(
                sample.caseload().stream().map(UnitForSampling::learnerUnitId).toList());
        model.addAttribute("observations", observations.inPlan(planId).stream()
                .filter(o -> o.learnerUnitId() == null || covered.contains(o.learnerUnitId())).toList());
        return "quality/eqa-plan";
    }

    @GetMapping("/s/{token}/eqa/units/{learnerUnitId}")
    String unit(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID learnerUnitId, Model model) {
        EqaGrant grant = grants.requireActive(user);
        UnitForSampling unit = grants.coveredUnit(grant, learnerUnitId);
        model.addAttribute("grant", grant);
        model.addAttribute("unit", unit);
        model.addAttribute("reviews", reviews.reviews(learnerUnitId));
        return "quality/eqa-unit";
    }

    @GetMapping("/s/{token}/eqa/report")
    String reportForm(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        EqaGrant grant = grants.requireActive(user);
        return reportPage(grant, model, null, null, List.of());
    }

    @PostMapping("/s/{token}/eqa/report")
    Object writeReport(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token,
            @RequestParam MultiValueMap<String, String> form, Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        EqaGrant grant = grants.requireActive(user);
        List<String> texts = form.getOrDefault("actionText", List.of());
        List<String> dues = form.getOrDefault("actionDue", List.of());
        try {
            List<EqaReports.ActionInput> actions = new ArrayList<>();
            for (int i = 0; i < Math.max(texts.size(), dues.size()); i++) {
                actions.add(new EqaReports.ActionInput(i < texts.size() ? texts.get(i) : "",
                        FormValues.date(i < dues.size() ? dues.get(i) : "", "an action's due date")));
            }
            reports.write(user, FormValues.date(form.getFirst("visitOn"), "the visit date"), form.getFirst("summary"),
                    outcome(form.getFirst("outcome")), actions);
        } catch (QualityRefused e) {
            if (e.kind() != QualityRefused.Kind.INVALID) {
                throw e;
            }
            response.setStatus(400);
            return reportPage(grant, model, e.getMessage(), form.toSingleValueMap(), texts);
        }
        RedirectView done = new RedirectView("/s/" + token + "/eqa?reported", true);
        done.setStatusCode(org.springframework.http.HttpStatus.SEE_OTHER);
        return done;
    }

    private String reportPage(EqaGrant grant, Model model, String error, java.util.Map<String, String> entered,
            List<String> actionTexts) {
        model.addAttribute("grant", grant);
        model.addAttribute("outcomes", EqaOutcome.values());
        model.addAttribute("error", error);
        model.addAttribute("entered", entered == null ? java.util.Map.of() : entered);
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("maxSummary", EqaReports.MAX_SUMMARY);
        return "quality/eqa-report";
    }

    private String qualification(EqaGrant grant) {
        return catalog.frameworks().stream().filter(f -> f.id().equals(grant.frameworkId())).map(f -> f.title())
                .findFirst().orElse(grant.frameworkId().toString());
    }


    private static EqaOutcome outcome(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return EqaOutcome.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw QualityRefused.badInput("the outcome '" + text + "' is not one of the outcomes listed; choose one");
        }
    }
}
