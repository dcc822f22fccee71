package org.attest.tool.records.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.PortfolioAccess;
import org.attest.tool.portfolio.PortfolioRefused;
import org.attest.tool.records.internal.AssessorRecord;
import org.attest.tool.records.internal.AssessorRecords;
import org.attest.tool.records.internal.RecordContent;
import org.attest.tool.records.internal.PlannedMethod;
import org.attest.tool.records.internal.RecordKind;
import org.attest.tool.records.internal.SignerRole;
import org.attest.tool.records.internal.SupplementaryBox;
import org.attest.tool.records.internal.VacsQuestion;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The assessor's recording documents of a learner's unit: the list, the form (new, edit a draft, new version), one
 * record as the form prints it with its signatures, signing, linking evidence to a plan, and the course's plans by due date.
 */
@Controller
class RecordPages {

    private final AssessorRecords records;
    private final Clock clock;

    RecordPages(AssessorRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    @GetMapping("/s/{token}/records/units/{unitId}")
    String list(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID unitId, Model model) {
        AssessorRecords.OfUnit of = records.ofUnit(user, unitId);
        model.addAttribute("of", of);
        model.addAttribute("writer", PortfolioAccess.mayAssess(user, of.unit()));
        model.addAttribute("kinds", RecordKind.values());
        model.addAttribute("today", LocalDate.now(clock));
        return "records/list";
    }

    @GetMapping("/s/{token}/records/units/{unitId}/new")
    String newRecord(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID unitId,
            @RequestParam(required = false) String kind, Model model) {
        LearnerUnit unit = records.writable(user, unitId);
        return form(model, unit, RecordForm.kind(kind), empty(), null, "/records/units/" + unitId);
    }

    @PostMapping("/s/{token}/records/units/{unitId}")
    RedirectView write(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID unitId,
            @RequestParam MultiValueMap<String, String> form, @RequestParam MultiValueMap<String, MultipartFile> files) {
        records.writable(user, unitId); // who may write is checked before what they wrote
        AssessorRecord written = records.write(user, unitId, RecordForm.kind(form.getFirst("kind")), RecordForm.content(form),
                RecordForm.files(files));
        return seeOther("/s/" + token + "/records/" + written.id() + "?written");
    }

    @GetMapping("/s/{token}/records/{id}")
    String show(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID id, Model model) {
        AssessorRecords.Shown shown = records.shown(user, id);
        model.addAttribute("shown", shown);
        model.addAttribute("r", shown.record());
        model.addAttribute("c", shown.record().content());
        model.addAttribute("boxes", SupplementaryBox.values());
        model.addAttribute("questions", VacsQuestion.values());
        model.addAttribute("methods", PlannedMethod.ON_THE_FORM);
        model.addAttribute("writer", PortfolioAccess.mayAssess(user, shown.unit()));
        model.addAttribute("candidate", PortfolioAccess.owns(user, shown.unit()));
        model.addAttribute("mayDiscard", PortfolioAccess.mayAssess(user, shown.unit()) && shown.record().draft()
                && !shown.record().superseded() && shown.record().assessorSubject().equals(user.subject()));
        boolean linker = shown.record().kind() == RecordKind.ASSESSMENT_PLAN
                && (PortfolioAccess.mayAssess(user, shown.unit()) || PortfolioAccess.owns(user, shown.unit()));
        // evidence is linked to the current version of an agreed plan only: before that, the page says why
        model.addAttribute("mayLink", linker && shown.record().complete() && !shown.record().superseded());
        model.addAttribute("linkLater", linker && !shown.record().complete() && !shown.record().superseded());
        model.addAttribute("evidence", records.currentEvidence(shown.unit()));
        model.addAttribute("today", LocalDate.now(clock));
        return "records/record";
    }

    @GetMapping("/s/{token}/records/{id}/edit")
    String edit(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID id, Model model) {
        AssessorRecord r = records.writableRecord(user, id);
        LearnerUnit unit = records.writable(user, r.learnerUnitId());
        if (r.superseded()) {
            throw PortfolioRefused.conflict("this is an old version of the record; open the current version");
        }
        return form(model, unit, r.kind(), r.content(), r, r.draft() ? "/records/" + id : "/records/" + id + "/versions");
    }

    @PostMapping("/s/{token}/records/{id}")
    RedirectView saveDraft(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID id,
            @RequestParam MultiValueMap<String, String> form, @RequestParam MultiValueMap<String, MultipartFile> files) {
        records.writableRecord(user, id);
        records.edit(user, id, RecordForm.content(form), RecordForm.files(files));
        return seeOther("/s/" + token + "/records/" + id + "?saved");
    }

    @PostMapping("/s/{token}/records/{id}/versions")
    RedirectView newVersion(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID id,
            @RequestParam MultiValueMap<String, String> form, @RequestParam MultiValueMap<String, MultipartFile> files) {
        records.writableRecord(user, id);
        AssessorRecord next = records.newVersion(user, id, RecordForm.content(form), RecordForm.files(files));
        return seeOther("/s/" + token + "/records/" + next.id() + "?versioned");
    }

    /** Discards a draft nobody signed: back to the version it superseded, or to the unit's records. */
    @PostMapping("/s/{token}/records/{id}/discard")
    RedirectView discard(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID id) {
        AssessorRecord draft = records.writableRecord(user, id);
        AssessorRecord current = records.discard(user, id);
        return current != null ? seeOther("/s/" + token + "/records/" + current.id() + "?discarded")
                : seeOther("/s/" + token + "/records/units/" + draft.learnerUnitId() + "?discarded");
    }

    @PostMapping("/s/{token}/records/{id}/sign")
    RedirectView sign(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID id,
            @RequestParam(required = false) String role, @RequestParam(required = false) String typedName) {
        records.sign(user, id, role(role), typedName);
        return seeOther("/s/" + token + "/records/" + id + "?signed");
    }

    @PostMapping("/s/{token}/records/{id}/evidence")
    RedirectView link(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token, @PathVariable UUID id,
            @RequestParam(required = false) String evidenceId) {
        records.link(user, id, RecordForm.uuid(evidenceId, "the evidence"));
        return seeOther("/s/" + token + "/records/" + id + "?linked");
    }

    @GetMapping("/s/{token}/records/plans")
    String plans(@AuthenticationPrincipal LtiPrincipal user, Model model) {
        List<AssessorRecord> plans = records.plans(user);
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("overdue", plans.stream().filter(p -> p.overdue(today)).toList());
        model.addAttribute("due", plans.stream().filter(p -> !p.fulfilled() && !p.overdue(today)).toList());
        model.addAttribute("fulfilled", plans.stream().filter(AssessorRecord::fulfilled).toList());
        model.addAttribute("today", today);
        return "records/plans";
    }

    private String form(Model model, LearnerUnit unit, RecordKind kind, RecordContent content, AssessorRecord editing,
            String action) {
        model.addAttribute("unit", unit);
        model.addAttribute("kind", kind);
        model.addAttribute("c", content);
        model.addAttribute("editing", editing);
        model.addAttribute("action", action);
        model.addAttribute("methods", PlannedMethod.ON_THE_FORM);
        model.addAttribute("questions", VacsQuestion.values());
        model.addAttribute("boxes", SupplementaryBox.values());
        model.addAttribute("items", kind == RecordKind.OBSERVATION || kind == RecordKind.ASSESSMENT_REPORT
                ? records.items(unit) : List.of());
        model.addAttribute("today", LocalDate.now(clock));
        return "records/form";
    }

    private static RecordContent empty() {
        return new RecordContent(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    private static SignerRole role(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return SignerRole.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw PortfolioRefused.invalid("sign as CANDIDATE or as ASSESSOR, not '" + text + "'");
        }
    }

    private static RedirectView seeOther(String path) {
        RedirectView view = new RedirectView(path, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        return view;
    }
}
