package org.attest.tool.portfolio.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.CaseloadNotes;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.CourseRoster;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.LearnerUnits;
import org.attest.tool.portfolio.PortfolioAccess;
import org.attest.tool.portfolio.PortfolioRefused;
import org.attest.tool.portfolio.UnitBinding;
import org.attest.tool.portfolio.UnitBindings;
import org.attest.tool.portfolio.internal.Assessment;
import org.attest.tool.portfolio.internal.AssessmentQueues;
import org.attest.tool.portfolio.internal.Evidence;
import org.attest.tool.portfolio.internal.EvidenceRecords;
import org.attest.tool.portfolio.internal.LearnerUnitStore;
import org.attest.tool.portfolio.internal.MappingStatus;
import org.attest.tool.portfolio.internal.Outcome;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/** The assessor's pages: caseload, marking queue, evidence review, countersign queue, unit sign-off. */
@Controller
class AssessorPages {

    /** How long the caseload waits for a roster read a tutor's launch just started, so the first view needs no reload. */
    static final Duration FIRST_VIEW_WAIT = Duration.ofSeconds(2);

    private final LearnerUnits learnerUnits;
    private final EvidenceRecords evidence;
    private final Assessment assessment;
    private final AssessmentQueues queues;
    private final UnitBindings bindings;
    private final CourseRoster rosters;
    private final List<CaseloadNotes> notes;
    private final Clock clock;

    AssessorPages(LearnerUnits learnerUnits, EvidenceRecords evidence, Assessment assessment, AssessmentQueues queues,
            UnitBindings bindings, CourseRoster rosters, List<CaseloadNotes> notes, Clock clock) {
        this.learnerUnits = learnerUnits;
        this.evidence = evidence;
        this.assessment = assessment;
        this.queues = queues;
        this.bindings = bindings;
        this.rosters = rosters;
        this.notes = List.copyOf(notes);
        this.clock = clock;
    }

    @GetMapping("/s/{token}/caseload")
    String caseload(@AuthenticationPrincipal LtiPrincipal user, @RequestParam(name = "unit", required = false) String unit,
            Model model) {
        requireAssessor(user);
        String filter = unit == null || unit.isBlank() ? null : unit;
        Course course = Course.of(user);
        rosters.awaitRunningRead(course, FIRST_VIEW_WAIT);
        LearnerUnitStore.Caseload caseload = learnerUnits.caseloadWithQueueSizes(user, filter);
        List<LearnerUnit> learners = caseload.learners();
        List<UnitBinding> units = bindings.inCourse(course);
        List<UnitBinding> inView = units.stream().filter(u -> filter == null || u.unitCode().equals(filter)).toList();
        CourseRoster.Snapshot roster = rosters.snapshot(course);
        model.addAttribute("rows", CaseloadRow.of(learners, roster.members(), inView, filter != null));
        model.addAttribute("roster", roster.lastRead().orElse(null));
        model.addAttribute("notes", notesOf(course));
        model.addAttribute("unit", filter);
        model.addAttribute("units", units);
        AssessmentQueues.QueueSizes sizes = caseload.sizes();
        model.addAttribute("queued", sizes.toMark());
        model.addAttribute("countersign", sizes.toCountersign());
        return "assessor/caseload";
    }

    /** Every module's notes on the course's learner units, by learner unit id, in the modules' order. */
    private Map<UUID, List<CaseloadNotes.Note>> notesOf(Course course) {
        LocalDate today = LocalDate.now(clock);
        Map<UUID, List<CaseloadNotes.Note>> all = new HashMap<>();
        for (CaseloadNotes module : notes) {
            module.notes(course, today).forEach((id, some) -> all.computeIfAbsent(id, k -> new ArrayList<>()).addAll(some));
        }
        return all;
    }

    /** Reads the course roster from the LMS now; the caseload shows how it went. */
    @PostMapping("/s/{token}/caseload/roster")
    String refreshRoster(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token,
            @RequestParam(name = "unit", required = false) String unit) {
        requireAssessor(user);
        boolean failed = rosters.refresh(Course.of(user)).failed();
        return "redirect:/s/" + token + "/caseload?roster=" + (failed ? "failed" : "refreshed")
                + (unit == null || unit.isBlank() ? "" : "&unit=" + UriUtils.encodeQueryParam(unit, StandardCharsets.UTF_8));
    }

    @GetMapping("/s/{token}/queue")
    String queue(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        requireAssessor(user);
        model.addAttribute("queue", queues.markingQueue(user));
        model.addAttribute("held", queues.heldByVerifier(user));
        model.addAttribute("sizes", queues.queueSizes(user));
        model.addAttribute("pageSize", AssessmentQueues.QUEUE_PAGE);
        return "assessor/queue";
    }

    @GetMapping("/s/{token}/evidence/{id}/review")
    String review(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID id, Model model) {
        requireAssessor(user);
        Evidence e = evidence.visible(user, id);
        LearnerUnit unit = PortfolioAccess.requireAssessable(user, learnerUnits.visible(user, e.learnerUnitId()));
        model.addAttribute("evidence", e);
        model.addAttribute("view", learnerUnits.view(unit));
        model.addAttribute("qualified", assessment.qualified(user));
        return "assessor/review";
    }

    /**
     * The review form posts {@code verdict.<item id>=CONFIRMED|REJECTED|CLAIMED} per mapping and
     * {@code outcome.<criterion id>=MET|NOT_YET} with {@code feedback.<criterion id>} per criterion.
     */
    @PostMapping("/s/{token}/evidence/{id}/review")
    String saveReview(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID id,
            @RequestParam Map<String, String> form) {
        requireAssessor(user);
        Map<UUID, MappingStatus> verdicts = new LinkedHashMap<>();
        Map<UUID, Assessment.DecisionInput> decisions = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : form.entrySet()) {
            String name = field.getKey();
            String value = field.getValue();
            if (value == null || value.isBlank()) {
                continue;
            }
            try {
                if (name.startsWith("verdict.")) {
                    verdicts.put(UUID.fromString(name.substring(8)), MappingStatus.valueOf(value));
                } else if (name.startsWith("outcome.")) {
                    UUID criterion = UUID.fromString(name.substring(8));
                    decisions.put(criterion, new Assessment.DecisionInput(Outcome.valueOf(value), form.get("feedback." + criterion)));
                }
            } catch (IllegalArgumentException bad) {
                throw PortfolioRefused.invalid("the review form was not understood (" + name + "); reload the page and try again");
            }
        }
        assessment.review(user, id, verdicts, decisions);
        Evidence e = evidence.visible(user, id);
        return "redirect:/s/" + token + "/portfolio/" + e.learnerUnitId() + "?reviewed";
    }

    @GetMapping("/s/{token}/countersign")
    String countersignQueue(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        requireAssessor(user);
        model.addAttribute("pending", queues.countersignQueue(user));
        model.addAttribute("sizes", queues.queueSizes(user));
        model.addAttribute("pageSize", AssessmentQueues.QUEUE_PAGE);
        model.addAttribute("qualified", assessment.qualified(user));
        return "assessor/countersign";
    }

    @PostMapping("/s/{token}/countersign/decision/{id}")
    String countersignDecision(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID id) {
        assessment.countersignDecision(user, id);
        return "redirect:/s/" + token + "/countersign?done";
    }

    @PostMapping("/s/{token}/countersign/sign-off/{learnerUnit}")
    String countersignSignOff(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token,
            @PathVariable UUID learnerUnit, @RequestParam(name = "typedName", required = false) String typedName) {
        assessment.countersignSignOff(user, learnerUnit, typedName);
        return "redirect:/s/" + token + "/portfolio/" + learnerUnit + "?countersigned";
    }

    @PostMapping("/s/{token}/portfolio/{id}/sign-off")
    String signOff(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID id,
            @RequestParam(name = "typedName", required = false) String typedName) {
        assessment.signOff(user, id, typedName);
        return "redirect:/s/" + token + "/portfolio/" + id + "?signedOff";
    }

    private static void requireAssessor(LtiPrincipal user) {
        PortfolioAccess.requireAssessor(user, "this page is for assessors and tutors");
    }
}
