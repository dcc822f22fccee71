package org.attest.tool.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attest.tool.gradebook.AssessmentTask;
import org.attest.tool.gradebook.AssessmentTasks;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.DeepLinkingResponse;
import org.attest.tool.lti.LtiAuthentication;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.Assessors;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.LearnerUnits;
import org.attest.tool.portfolio.UnitBinding;
import org.attest.tool.portfolio.UnitBindings;
import org.attest.tool.standards.FrameworkCatalog;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Where a launch lands: who you are, in which course, as what; for a deep-linking request, the unit picker. */
@Controller
class LaunchController {

    private final FrameworkCatalog catalog;
    private final DeepLinkingResponse deepLinking;
    private final UnitBindings bindings;
    private final LearnerUnits learnerUnits;
    private final Assessors assessors;
    private final AssessmentTasks tasks;

    LaunchController(FrameworkCatalog catalog, DeepLinkingResponse deepLinking, UnitBindings bindings,
            LearnerUnits learnerUnits, Assessors assessors, AssessmentTasks tasks) {
        this.tasks = tasks;
        this.catalog = catalog;
        this.deepLinking = deepLinking;
        this.bindings = bindings;
        this.learnerUnits = learnerUnits;
        this.assessors = assessors;
    }

    @GetMapping("/s/{token}/")
    String landing(@AuthenticationPrincipal LtiPrincipal user, @org.springframework.web.bind.annotation.PathVariable String token,
            Model model) {
        if (user.platformId() == null) {
            return "redirect:/s/" + token + "/admin"; // the operator has no course: their home is the admin page
        }
        if (user.requestsDeepLinking()) {
            if (!user.has(AttestRole.ASSESSOR) && !user.has(AttestRole.CENTRE_ADMIN)) {
                throw new ResponseStatusException(org.springframework.http.HttpStatus.FORBIDDEN, "only tutors place activities");
            }
            model.addAttribute("units", catalog.units(user.platformId()));
            return "web/deep-linking";
        }
        if (user.contextId() == null || user.resourceLinkId() == null) {
            model.addAttribute("unitCode", user.custom().get("attest_unit"));
            return "web/landing";
        }
        assessors.seen(user);
        Optional<AssessmentTask> task = tasks.forLaunch(user);
        if (task.isPresent() && user.has(AttestRole.ASSESSOR)) {
            return "redirect:/s/" + token + "/tasks/" + task.get().id();
        }
        if (task.isPresent() && user.has(AttestRole.LEARNER)) {
            // The learner works on the task's unit; the activity itself is no unit binding, so no unit progress is sent to its column.
            AssessmentTask t = task.get();
            LearnerUnit unit = learnerUnits.openForLearner(user,
                    new UnitBinding(t.course(), user.resourceLinkId(), t.frameworkId(), t.unitCode(), t.title()));
            return "redirect:/s/" + token + "/portfolio/" + unit.id() + "?task=" + t.id();
        }
        if (task.isPresent()) {
            model.addAttribute("unitCode", task.get().unitCode());
            return "web/landing";
        }
        Optional<UnitBinding> binding = bindings.forLaunch(user);
        if (binding.isPresent() && user.has(AttestRole.LEARNER) && !user.has(AttestRole.ASSESSOR)) {
            LearnerUnit unit = learnerUnits.openForLearner(user, binding.get());
            return "redirect:/s/" + token + "/portfolio/" + unit.id();
        }
        if (binding.isPresent() && user.has(AttestRole.ASSESSOR)) {
            return "redirect:/s/" + token + "/caseload?unit=" + binding.get().unitCode();
        }
        if (binding.isEmpty() && (user.has(AttestRole.ASSESSOR) || user.has(AttestRole.CENTRE_ADMIN))) {
            model.addAttribute("units", catalog.units(user.platformId()));
            return "web/bind";
        }
        model.addAttribute("unitCode", binding.map(UnitBinding::unitCode).orElse(null));
        model.addAttribute("notReady", binding.isEmpty());
        return "web/landing";
    }

    /** Who the launch says you are, where from and as what: the page to check when something looks wrong. */
    @GetMapping("/s/{token}/about")
    String about(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        model.addAttribute("unitCode", user.custom().get("attest_unit"));
        return "web/landing";
    }

    /** A tutor chooses the unit of an activity added by hand (not placed by Deep Linking). */
    @PostMapping("/s/{token}/bind")
    String bind(@AuthenticationPrincipal LtiPrincipal user, @org.springframework.web.bind.annotation.PathVariable String token,
            @RequestParam(name = "unit", required = false) String chosen) {
        if (chosen == null || !chosen.contains(":")) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST, "choose a unit");
        }
        String[] parts = chosen.split(":", 2);
        UnitBinding binding = bindings.bind(user, parts[0], parts[1]);
        return "redirect:/s/" + token + "/caseload?unit=" + binding.unitCode();
    }

    @PostMapping("/s/{token}/deep-linking")
    String placeUnits(@AuthenticationPrincipal LtiPrincipal user, @RequestParam(name = "unit", required = false) List<String> chosen,
            Model model) {
        if (!user.requestsDeepLinking() || (!user.has(AttestRole.ASSESSOR) && !user.has(AttestRole.CENTRE_ADMIN))) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.FORBIDDEN, "not a deep-linking launch by a tutor");
        }
        List<DeepLinkingResponse.ContentItem> items = new ArrayList<>();
        for (String key : chosen == null ? List.<String>of() : chosen) {
            String[] parts = key.split(":", 2);
            // Progress goes to the unit's grade column as criteria met out of 100; completion is full marks.
            catalog.unit(user.platformId(), parts[0], parts.length > 1 ? parts[1] : "").ifPresent(p -> items.add(new DeepLinkingResponse.ContentItem(
                    p.unit().displayName(), p.framework().title(),
                    Map.of("attest_framework", p.framework().id().toString(), "attest_unit", p.unit().code()),
                    new DeepLinkingResponse.LineItem(p.unit().displayName(), 100, p.unit().code(), "unit"))));
            if (!user.deepLinking().acceptMultiple() && !items.isEmpty()) {
                break;
            }
        }
        model.addAttribute("returnUrl", user.deepLinking().returnUrl());
        model.addAttribute("jwt", deepLinking.sign(user, items));
        return "web/deep-linking-return";
    }
}
