package org.attest.tool.quality.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.UnitForSampling;
import org.attest.tool.quality.internal.AssessorObservations;
import org.attest.tool.quality.internal.IqaReviews;
import org.attest.tool.quality.internal.QualityAccess;
import org.attest.tool.quality.internal.QualityRefused;
import org.attest.tool.quality.internal.SamplingPlans;
import org.attest.tool.quality.sampling.SamplingKind;
import org.springframework.http.HttpStatus;
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
 * Observing an assessor's practice: the IQA's form (from the IQA home or an interim plan), the centre's observations,
 * one observation with its countersignature and action points, and the assessor marking an action point done.
 */
@Controller
class ObservationPages {

    private final AssessorObservations observations;
    private final SamplingPlans plans;
    private final QualityAccess access;
    private final java.time.Clock clock;

    ObservationPages(AssessorObservations observations, SamplingPlans plans, QualityAccess access, java.time.Clock clock) {
        this.observations = observations;
        this.plans = plans;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping("/s/{token}/iqa/observations")
    String list(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        model.addAttribute("observations", observations.ofCentre(user));
        model.addAttribute("me", access.requireIqa(user));
        return "quality/observations";
    }

    @GetMapping("/s/{token}/iqa/observations/new")
    String form(@AuthenticationPrincipal LtiPrincipal user, @RequestParam(required = false) UUID planId,
            @RequestParam(required = false) String assessor, Model model) {
        List<UnitForSampling> units = new ArrayList<>();
        if (planId != null) {
            SamplingPlans.Sample sample = plans.sample(user, planId);
            sample.caseload().stream().filter(u -> u.assessorSubject() != null).forEach(units::add);
            model.addAttribute("plan", sample.plan());
        }
        model.addAttribute("assessors", observations.observable(user));
        model.addAttribute("chosenAssessor", assessor == null ? "" : assessor);
        model.addAttribute("plans", plans.plans(user).stream().filter(p -> p.kind() == SamplingKind.INTERIM).toList());
        model.addAttribute("units", units);
        model.addAttribute("methods", AssessmentMethod.values());
        model.addAttribute("outcomes", AssessorObservations.Outcome.values());
        model.addAttribute("today", LocalDate.now(clock));
        return "quality/observe";
    }

    @PostMapping("/s/{token}/iqa/observations")
    RedirectView record(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token,
            @RequestParam MultiValueMap<String, String> form) {
        List<String> texts = form.getOrDefault("actionText", List.of());
        List<String> dues = form.getOrDefault("actionDue", List.of());
        List<IqaReviews.ActionInput> actions = new ArrayList<>();
        for (int i = 0; i < Math.max(texts.size(), dues.size()); i++) {
            actions.add(new IqaReviews.ActionInput(i < texts.size() ? texts.get(i) : "",
                    FormValues.date(i < dues.size() ? dues.get(i) : "", "an action point's due date")));
        }
        AssessorObservations.Observation recorded = observations.record(user, new AssessorObservations.Input(
                form.getFirst("assessor"), uuid(form.getFirst("learnerUnitId"), "the learner unit"),
                uuid(form.getFirst("planId"), "the plan"), FormValues.date(form.getFirst("observedOn"), "the date observed"),
                method(form.getFirst("method")), form.getFirst("site"), form.getFirst("observed"),
                outcome(form.getFirst("outcome")), form.getFirst("feedback"), actions));
        return seeOther("/s/" + token + "/iqa/observations/" + recorded.id() + "?recorded");
    }

    @GetMapping("/s/{token}/iqa/observations/{id}")
    String one(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID id, Model model) {
        model.addAttribute("o", observations.observation(user, id));
        model.addAttribute("me", access.requireIqa(user));
        model.addAttribute("today", LocalDate.now(clock));
        return "quality/observation";
    }

    @PostMapping("/s/{token}/iqa/observations/{id}/countersign")
    RedirectView countersign(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID id) {
        observations.countersign(user, id);
        return seeOther("/s/" + token + "/iqa/observations/" + id + "?countersigned");
    }

    @PostMapping("/s/{token}/iqa/observation-actions/{actionId}/close")
    RedirectView close(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token,
            @PathVariable UUID actionId) {
        AssessorObservations.Observation o = observations.closeAction(user, actionId);
        return seeOther("/s/" + token + "/iqa/observations/" + o.id() + "?closed");
    }

    @PostMapping("/s/{token}/iqa-actions/observations/{actionId}/done")
    RedirectView done(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token,
            @PathVariable UUID actionId, @RequestParam(defaultValue = "") String note) {
        observations.markDone(user, actionId, note);
        return seeOther("/s/" + token + "/iqa-actions?done");
    }

    private static UUID uuid(String text, String what) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw QualityRefused.badInput("the form named " + what + " '" + text + "', which is not an id; reload the "
                    + "page and choose again");
        }
    }


    private static AssessmentMethod method(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return AssessmentMethod.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw QualityRefused.badInput("the method '" + text + "' is not one of the methods listed; choose one");
        }
    }

    private static AssessorObservations.Outcome outcome(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return AssessorObservations.Outcome.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw QualityRefused.badInput("the outcome '" + text + "' is not one of the outcomes listed; choose one");
        }
    }

    private static RedirectView seeOther(String path) {
        RedirectView view = new RedirectView(path, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        return view;
    }
}
