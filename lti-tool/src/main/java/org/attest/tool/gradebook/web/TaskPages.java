package org.attest.tool.gradebook.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.gradebook.tasks.AssessmentTask;
import org.attest.tool.gradebook.tasks.AssessmentTasks;
import org.attest.tool.gradebook.tasks.GradebookAccess;
import org.attest.tool.gradebook.tasks.GradebookGrades;
import org.attest.tool.lti.DeepLinkingResponse;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.PortfolioAccess;
import org.attest.tool.portfolio.PortfolioRefused;
import org.attest.tool.standards.FrameworkCatalog;
import org.attest.tool.standards.FrameworkCatalog.PlaceableUnit;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Assessment tasks: placing one by Deep Linking (pick a unit, tick the criteria a pass meets, name
 * it, set its pass mark), and the tutor's task page with the grades read back from the LMS.
 */
@Controller
class TaskPages {

    /** How long a task page's first view waits for the grades to be read, so the tutor need not reload. */
    static final java.time.Duration FIRST_VIEW_WAIT = java.time.Duration.ofSeconds(2);

    private final FrameworkCatalog catalog;
    private final DeepLinkingResponse deepLinking;
    private final AssessmentTasks tasks;
    private final GradebookGrades grades;

    TaskPages(FrameworkCatalog catalog, DeepLinkingResponse deepLinking, AssessmentTasks tasks, GradebookGrades grades) {
        this.catalog = catalog;
        this.deepLinking = deepLinking;
        this.tasks = tasks;
        this.grades = grades;
    }

    /** What the form shows again after a refusal. */
    record TaskForm(String unit, List<String> criteria, String title, String scoreMaximum, String passMark) {

        static TaskForm blank(String unit) {
            return new TaskForm(unit, List.of(), "", AssessmentTask.number(AssessmentTasks.DEFAULT_SCORE_MAXIMUM),
                    AssessmentTask.number(AssessmentTasks.DEFAULT_PASS_MARK));
        }

        public boolean ticked(String code) {
            return criteria != null && criteria.contains(code);
        }
    }

    /** Step one lists the units; with {@code unit} chosen, step two asks for the task. */
    @GetMapping("/s/{token}/deep-linking/task")
    String taskForm(@AuthenticationPrincipal LtiPrincipal user, @RequestParam(name = "unit", required = false) String unit,
            Model model) {
        GradebookAccess.requirePlacingTasks(user);
        return form(user, model, unit == null || unit.isBlank() ? null : TaskForm.blank(unit), null);
    }

    @PostMapping("/s/{token}/deep-linking/task")
    String placeTask(@AuthenticationPrincipal LtiPrincipal user, @RequestParam(name = "unit", required = false) String unit,
            @RequestParam(name = "criterion", required = false) List<String> criteria,
            @RequestParam(name = "title", required = false) String title,
            @RequestParam(name = "scoreMaximum", required = false) String scoreMaximum,
            @RequestParam(name = "passMark", required = false) String passMark, Model model, HttpServletResponse response) {
        GradebookAccess.requirePlacingTasks(user);
        TaskForm form = new TaskForm(unit, criteria == null ? List.of() : criteria, title, scoreMaximum, passMark);
        String[] key = unit == null ? new String[0] : unit.split(":", 2);
        AssessmentTask task;
        try {
            task = tasks.create(user, new AssessmentTasks.TaskInput(key.length > 0 ? key[0] : null, key.length > 1 ? key[1] : null,
                    form.criteria(), title, scoreMaximum, passMark));
        } catch (PortfolioRefused refused) {
            if (refused.kind() != PortfolioRefused.Kind.INVALID) {
                throw refused;
            }
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(user, model, unit == null ? null : form, refused.getMessage());
        }
        // Only the task id travels with the activity: no unit parameters, so the activity is never bound as a unit
        // and the unit's progress scores never go to the task's grade column.
        DeepLinkingResponse.ContentItem item = new DeepLinkingResponse.ContentItem(task.title(),
                "Assessment task for Unit " + task.unitCode() + " (" + String.join(", ", task.criteria()) + "), pass mark "
                        + task.passMarkText() + ", marked in the gradebook",
                Map.of(AssessmentTasks.CUSTOM_TASK, task.id().toString()),
                new DeepLinkingResponse.LineItem(task.title(), task.scoreMaximum(), task.resourceId(), AssessmentTask.TAG));
        model.addAttribute("returnUrl", user.deepLinking().returnUrl());
        model.addAttribute("jwt", deepLinking.sign(user, List.of(item)));
        return "web/deep-linking-return";
    }

    @GetMapping("/s/{token}/tasks/{id}")
    String task(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID id,
            @RequestParam(name = "read", required = false) Integer read,
            @RequestParam(name = "changed", required = false) Integer changed, Model model) {
        PortfolioAccess.requireAssessor(user, "this page is for tutors");
        AssessmentTask task = grades.readIfNeverRead(tasks.visible(user, id), FIRST_VIEW_WAIT);
        model.addAttribute("task", task);
        Map<String, String> statements = new java.util.HashMap<>();
        catalog.unit(task.frameworkId().toString(), task.unitCode())
                .ifPresent(p -> p.unit().criteria().forEach(c -> statements.put(c.code(), c.statement())));
        model.addAttribute("statements", statements);
        model.addAttribute("grades", grades.grades(task));
        model.addAttribute("read", read);
        model.addAttribute("changed", changed);
        return "assessor/task";
    }

    @PostMapping("/s/{token}/tasks/{id}/pull")
    String pull(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID id) {
        PortfolioAccess.requireAssessor(user, "this page is for tutors");
        GradebookGrades.PullReport report = grades.pullNow(user, id);
        return "redirect:/s/" + token + "/tasks/" + id + "?read=" + report.results() + "&changed=" + report.changed();
    }

    /** Offers the units this launch's platform may place: tool-wide frameworks and its centre's own. */
    private String form(LtiPrincipal user, Model model, TaskForm form, String problem) {
        model.addAttribute("units", catalog.units(user.platformId()));
        model.addAttribute("form", form);
        model.addAttribute("problem", problem);
        Optional<PlaceableUnit> chosen = Optional.ofNullable(form).map(TaskForm::unit).filter(u -> u.contains(":"))
                .flatMap(u -> catalog.unit(user.platformId(), u.split(":", 2)[0], u.split(":", 2)[1]));
        model.addAttribute("chosen", chosen.orElse(null));
        return "web/deep-linking-task";
    }
}
