package org.attest.tool.quality.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.UnitForSampling;
import org.attest.tool.quality.internal.AssessorObservations;
import org.attest.tool.quality.internal.ClaimReadiness;
import org.attest.tool.quality.internal.IqaPeople;
import org.attest.tool.quality.internal.IqaReviews;
import org.attest.tool.quality.internal.QualityAccess;
import org.attest.tool.quality.internal.SamplingPlans;
import org.attest.tool.quality.sampling.SamplingKind;
import org.attest.tool.standards.FrameworkCatalog;
import org.attest.standards.Framework;
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
 * The internal quality assurer's pages: sampling plans (a lead IQA makes them), the proposed sample with its reasons,
 * the sample, the sampling matrix, the IQA's queue and the decision on a sampled learner unit.
 */
@Controller
class QualityPages {

    private final QualityAccess access;
    private final SamplingPlans plans;
    private final IqaReviews reviews;
    private final FrameworkCatalog catalog;
    private final ClaimReadiness readiness;
    private final AssessorObservations observations;

    QualityPages(QualityAccess access, SamplingPlans plans, IqaReviews reviews, FrameworkCatalog catalog,
            ClaimReadiness readiness, AssessorObservations observations) {
        this.observations = observations;
        this.readiness = readiness;
        this.access = access;
        this.plans = plans;
        this.reviews = reviews;
        this.catalog = catalog;
    }

    @GetMapping("/s/{token}/iqa")
    String home(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        IqaPeople.Iqa iqa = access.requireIqa(user);
        List<SamplingPlans.Plan> all = plans.plans(user);
        Map<UUID, SamplingPlans.Plan> byId = all.stream().collect(Collectors.toMap(SamplingPlans.Plan::id, p -> p));
        model.addAttribute("iqa", iqa);
        model.addAttribute("plans", all);
        model.addAttribute("plansById", byId);
        model.addAttribute("queue", plans.toVerify(user.platformId()));
        model.addAttribute("actions", reviews.openActions(user));
        model.addAttribute("today", LocalDate.now());
        model.addAttribute("frameworks", frameworks(user));
        model.addAttribute("courses", plans.courses(user, null));
        model.addAttribute("kinds", SamplingKind.values());
        return "quality/home";
    }

    @PostMapping("/s/{token}/iqa/plans")
    RedirectView createPlan(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token,
            @RequestParam(required = false) UUID frameworkId, @RequestParam(defaultValue = "") String course,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(required = false) SamplingKind kind, @RequestParam(defaultValue = "10") int baseRate,
            @RequestParam(defaultValue = "50") int raisedRate, @RequestParam(required = false) Long seed) {
        SamplingPlans.Plan plan = plans.create(user, frameworkId, course, title, kind, baseRate, raisedRate, seed);
        return seeOther("/s/" + token + "/iqa/plans/" + plan.id());
    }

    @GetMapping("/s/{token}/iqa/plans/{planId}")
    String plan(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID planId, Model model) {
        SamplingPlans.Sample sample = plans.sample(user, planId);
        Map<UUID, UnitForSampling> units = sample.caseload().stream()
                .collect(Collectors.toMap(UnitForSampling::learnerUnitId, u -> u, (a, b) -> a, LinkedHashMap::new));
        Set<UUID> sampled = sample.sampledIds();
        List<UnitForSampling> addable = new ArrayList<>();
        units.values().stream().filter(u -> u.assessorSubject() != null && !sampled.contains(u.learnerUnitId()))
                .forEach(addable::add);
        model.addAttribute("sample", sample);
        model.addAttribute("units", units);
        model.addAttribute("proposal", plans.propose(sample));
        model.addAttribute("addable", addable);
        model.addAttribute("iqa", access.requireIqa(user));
        model.addAttribute("observationCoverage", observations.coverage(sample));
        return "quality/plan";
    }

    @PostMapping("/s/{token}/iqa/plans/{planId}/take")
    RedirectView take(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID planId) {
        int added = plans.takeProposal(user, planId);
        return seeOther("/s/" + token + "/iqa/plans/" + planId + "?taken=" + added);
    }

    @PostMapping("/s/{token}/iqa/plans/{planId}/items")
    RedirectView add(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID planId,
            @RequestParam(required = false) UUID learnerUnitId, @RequestParam(defaultValue = "") String reason) {
        plans.add(user, planId, learnerUnitId, reason);
        return seeOther("/s/" + token + "/iqa/plans/" + planId + "?added");
    }

    @PostMapping("/s/{token}/iqa/plans/{planId}/items/{learnerUnitId}/remove")
    RedirectView remove(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID planId,
            @PathVariable UUID learnerUnitId, @RequestParam(defaultValue = "") String reason) {
        plans.remove(user, planId, learnerUnitId, reason);
        return seeOther("/s/" + token + "/iqa/plans/" + planId + "?removed");
    }

    @PostMapping("/s/{token}/iqa/plans/{planId}/close")
    RedirectView close(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID planId,
            @RequestParam(defaultValue = "") String note) {
        int closedOut = plans.close(user, planId, note);
        return seeOther("/s/" + token + "/iqa/plans/" + planId + "?closed=" + closedOut);
    }

    @GetMapping("/s/{token}/iqa/plans/{planId}/matrix")
    String matrix(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID planId, Model model) {
        SamplingPlans.Sample sample = plans.sample(user, planId);
        model.addAttribute("plan", sample.plan());
        SamplingPlans.Coverage coverage = plans.coverage(sample);
        model.addAttribute("matrix", coverage.matrix());
        model.addAttribute("spread", coverage.spread());
        return "quality/matrix";
    }

    @GetMapping("/s/{token}/iqa/units/{learnerUnitId}")
    String verify(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID learnerUnitId, Model model) {
        model.addAttribute("v", reviews.verification(user, learnerUnitId));
        model.addAttribute("me", access.requireIqa(user));
        model.addAttribute("today", LocalDate.now());
        return "quality/verify";
    }

    @PostMapping("/s/{token}/iqa/units/{learnerUnitId}")
    RedirectView decide(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token,
            @PathVariable UUID learnerUnitId, @RequestParam(required = false) IqaReviews.Outcome outcome,
            @RequestParam(defaultValue = "") String feedback, @RequestParam MultiValueMap<String, String> form) {
        Map<UUID, String> reasons = new LinkedHashMap<>();
        List<IqaReviews.ActionInput> actions = new ArrayList<>();
        form.forEach((name, values) -> {
            if (name.startsWith("reason-") && !values.isEmpty()) {
                reasons.put(uuid(name.substring("reason-".length())), values.get(0));
            }
        });
        List<String> texts = form.getOrDefault("actionText", List.of());
        List<String> dues = form.getOrDefault("actionDue", List.of());
        for (int i = 0; i < texts.size(); i++) {
            String due = i < dues.size() ? dues.get(i) : "";
            actions.add(new IqaReviews.ActionInput(texts.get(i), due.isBlank() ? null : date(due)));
        }
        reviews.decide(user, learnerUnitId, outcome, feedback, reasons, actions);
        return seeOther("/s/" + token + "/iqa/units/" + learnerUnitId + "?decided");
    }

    @PostMapping("/s/{token}/iqa/reviews/{reviewId}/countersign")
    RedirectView countersign(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token,
            @PathVariable UUID reviewId) {
        IqaReviews.Review review = reviews.countersign(user, reviewId);
        return seeOther("/s/" + token + "/iqa/units/" + review.learnerUnitId() + "?countersigned");
    }

    @GetMapping("/s/{token}/iqa/ready")
    String ready(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        model.addAttribute("rows", readiness.report(user));
        return "quality/ready";
    }

    @GetMapping(path = "/s/{token}/iqa/ready.csv", produces = "text/csv;charset=UTF-8")
    org.springframework.http.ResponseEntity<String> readyCsv(@AuthenticationPrincipal LtiPrincipal user) {
        return org.springframework.http.ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"ready-to-claim.csv\"")
                .contentType(org.springframework.http.MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .body(readiness.csv(user));
    }

    @GetMapping("/s/{token}/iqa-actions")
    String assessorActions(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        org.attest.tool.portfolio.PortfolioAccess.requireAssessor(user, "IQA action points are for assessors");
        model.addAttribute("actions", reviews.openActionsFor(user));
        model.addAttribute("today", LocalDate.now());
        model.addAttribute("iqa", access.iqa(user).isPresent());
        model.addAttribute("observationsOfMe", observations.ofMe(user));
        model.addAttribute("observationActions", observations.openActionsFor(user));
        return "quality/assessor-actions";
    }

    @PostMapping("/s/{token}/iqa-actions/{actionId}/done")
    RedirectView done(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID actionId,
            @RequestParam(defaultValue = "") String note) {
        org.attest.tool.portfolio.PortfolioAccess.requireAssessor(user, "IQA action points are for assessors");
        reviews.markDone(user, actionId, note);
        return seeOther("/s/" + token + "/iqa-actions?done");
    }

    private List<Framework> frameworks(LtiPrincipal user) {
        Map<UUID, Framework> byId = new LinkedHashMap<>();
        catalog.units(user.platformId()).forEach(u -> byId.putIfAbsent(u.framework().id(), u.framework()));
        return List.copyOf(byId.values());
    }

    private static UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST,
                    "the form named a criterion '" + s + "' that is not an id; reload the page and try again");
        }
    }

    private static LocalDate date(String s) {
        try {
            return LocalDate.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST,
                    "'" + s + "' is not a date: give the due date as YYYY-MM-DD");
        }
    }

    private static RedirectView seeOther(String path) {
        RedirectView view = new RedirectView(path, true);
        view.setStatusCode(org.springframework.http.HttpStatus.SEE_OTHER);
        return view;
    }
}
