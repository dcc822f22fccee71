package org.attest.tool.witnesses.web;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.LtiProperties;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.LearnerUnits;
import org.attest.tool.portfolio.PortfolioAccess;
import org.attest.tool.portfolio.PortfolioRefused;
import org.attest.tool.quality.Iqas;
import org.attest.tool.witnesses.internal.ExpertWitnesses;
import org.attest.tool.witnesses.internal.WitnessLinks;
import org.attest.tool.witnesses.internal.WitnessStatusLists;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The assessor's witness pages of a learner unit under {@code /s/{token}/witnesses/{learnerUnitId}}: the witness status
 * list (signed by the assessor), the one-time links for witnesses, and the records of expert witness (written by the
 * assessor, signed by an IQA of the centre as IV and by the candidate). The list and the links are the assessor's; a
 * record of expert witness is read by its assessor, its candidate and the centre's IQAs.
 */
@Controller
class WitnessPages {

    private final LearnerUnits learnerUnits;
    private final WitnessStatusLists lists;
    private final WitnessLinks links;
    private final ExpertWitnesses experts;
    private final Iqas iqas;
    private final LtiProperties properties;
    private final WitnessReaders readers;

    WitnessPages(LearnerUnits learnerUnits, WitnessStatusLists lists, WitnessLinks links, ExpertWitnesses experts, Iqas iqas,
            LtiProperties properties, WitnessReaders readers) {
        this.readers = readers;
        this.learnerUnits = learnerUnits;
        this.lists = lists;
        this.links = links;
        this.experts = experts;
        this.iqas = iqas;
        this.properties = properties;
    }

    @GetMapping("/s/{token}/witnesses/{learnerUnitId}")
    String list(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID learnerUnitId,
            @RequestParam(required = false) String scope, Model model) {
        LearnerUnit unit = readers.listReader(user, learnerUnitId);
        WitnessStatusLists.WitnessList list = lists.of(unit, "learner".equals(scope));
        model.addAttribute("assessing", PortfolioAccess.mayAssess(user, unit));
        model.addAttribute("list", list);
        model.addAttribute("signatures", lists.signatures(unit.id()));
        model.addAttribute("links", links.ofUnit(unit.id()));
        model.addAttribute("experts", experts.ofUnit(unit));
        model.addAttribute("lu", unit);
        model.addAttribute("categories", list.categories());
        return "witnesses/list";
    }

    @PostMapping("/s/{token}/witnesses/{learnerUnitId}/sign")
    RedirectView sign(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token,
            @PathVariable UUID learnerUnitId, @RequestParam(required = false) String typedName,
            @RequestParam(required = false) String listHash) {
        LearnerUnit unit = assessable(user, learnerUnitId);
        lists.sign(user, unit, typedName, listHash);
        return seeOther("/s/" + token + "/witnesses/" + unit.id() + "?signed");
    }

    @PostMapping("/s/{token}/witnesses/{learnerUnitId}/links")
    String link(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID learnerUnitId,
            @RequestParam(required = false) UUID evidenceId, @RequestParam(defaultValue = "false") boolean includeFiles,
            Model model) {
        LearnerUnit unit = assessable(user, learnerUnitId);
        if (evidenceId == null) {
            throw PortfolioRefused.invalid("choose the witnessed evidence the link is for");
        }
        return issued(unit, links.issue(user, unit, evidenceId, includeFiles), model);
    }

    @GetMapping("/s/{token}/witnesses/{learnerUnitId}/expert/new")
    String newExpert(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID learnerUnitId, Model model) {
        LearnerUnit unit = assessable(user, learnerUnitId);
        model.addAttribute("lu", unit);
        model.addAttribute("record", null);
        return "witnesses/expert-form";
    }

    @PostMapping("/s/{token}/witnesses/{learnerUnitId}/expert")
    RedirectView writeExpert(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token,
            @PathVariable UUID learnerUnitId, @RequestParam(required = false) UUID previousId,
            @RequestParam(required = false) String witnessName, @RequestParam(required = false) String witnessPosition,
            @RequestParam(required = false) String witnessRelationship,
            @RequestParam(required = false) String witnessContact, @RequestParam(required = false) String site,
            @RequestParam(defaultValue = "false") boolean supervisoryYears,
            @RequestParam(required = false) String supervisoryEvidence,
            @RequestParam(defaultValue = "false") boolean knowsStandards,
            @RequestParam(required = false) String knowsStandardsEvidence, @RequestParam(defaultValue = "false") boolean cpd,
            @RequestParam(required = false) String cpdEvidence, @RequestParam(required = false) String desirableQualification,
            @RequestParam(required = false) String standardsReference, @RequestParam(required = false) String skillsKnowledge,
            @RequestParam(required = false) String venue, @RequestParam(required = false) String activityAt,
            @RequestParam(required = false) String candidateStatement,
            @RequestParam(required = false) String activityDescription,
            @RequestParam(required = false) String witnessStatement) {
        LearnerUnit unit = assessable(user, learnerUnitId);
        LocalDateTime at = null;
        if (activityAt != null && !activityAt.isBlank()) {
            try {
                at = LocalDateTime.parse(activityAt.strip());
            } catch (DateTimeParseException e) {
                throw PortfolioRefused.invalid("the activity's date and time '" + activityAt + "' is not a date and time; "
                        + "write it as 2026-03-14T10:30");
            }
        }
        ExpertWitnesses.Record r = experts.write(user, unit, previousId, new ExpertWitnesses.Input(witnessName,
                witnessPosition, witnessRelationship, witnessContact, site, supervisoryYears, supervisoryEvidence,
                knowsStandards, knowsStandardsEvidence, cpd, cpdEvidence, desirableQualification, standardsReference,
                skillsKnowledge, venue, at, candidateStatement, activityDescription, witnessStatement));
        return seeOther("/s/" + token + "/witnesses/" + unit.id() + "/expert/" + r.id() + "?saved");
    }

    /** The records of expert witness of a unit, for its assessor, its candidate (to sign) and the centre's IQAs. */
    @GetMapping("/s/{token}/witnesses/{learnerUnitId}/experts")
    String experts(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID learnerUnitId, Model model) {
        LearnerUnit unit = expertReader(user, learnerUnitId);
        model.addAttribute("lu", unit);
        model.addAttribute("experts", experts.ofUnit(unit));
        model.addAttribute("assessing", PortfolioAccess.mayAssess(user, unit));
        return "witnesses/experts";
    }

    @GetMapping("/s/{token}/witnesses/{learnerUnitId}/expert/{recordId}")
    String expert(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID learnerUnitId,
            @PathVariable UUID recordId, @RequestParam(required = false) String edit, Model model) {
        LearnerUnit unit = expertReader(user, learnerUnitId);
        boolean assessing = PortfolioAccess.mayAssess(user, unit);
        boolean owner = PortfolioAccess.owns(user, unit);
        boolean iqa = iqas.isIqaOf(user, unit.course().platformId());
        ExpertWitnesses.Record record = experts.current(unit, recordId);
        model.addAttribute("lu", unit);
        model.addAttribute("record", record);
        model.addAttribute("assessing", assessing);
        model.addAttribute("owner", owner);
        model.addAttribute("iqa", iqa);
        return edit != null && assessing ? "witnesses/expert-form" : "witnesses/expert";
    }

    @PostMapping("/s/{token}/witnesses/{learnerUnitId}/expert/{recordId}/link")
    String expertLink(@AuthenticationPrincipal LtiPrincipal user, @PathVariable UUID learnerUnitId,
            @PathVariable UUID recordId, Model model) {
        LearnerUnit unit = assessable(user, learnerUnitId);
        return issued(unit, links.issueForExpert(user, unit, recordId), model);
    }

    @PostMapping("/s/{token}/witnesses/{learnerUnitId}/expert/{recordId}/iv-signature")
    RedirectView ivSign(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token,
            @PathVariable UUID learnerUnitId, @PathVariable UUID recordId, @RequestParam(required = false) String typedName) {
        LearnerUnit unit = learnerUnits.visible(user, learnerUnitId); // others than IQAs are refused, saying why
        experts.signAsIv(user, unit, recordId, typedName);
        return seeOther("/s/" + token + "/witnesses/" + unit.id() + "/expert/" + recordId + "?signed");
    }

    @PostMapping("/s/{token}/witnesses/{learnerUnitId}/expert/{recordId}/candidate-signature")
    RedirectView candidateSign(@AuthenticationPrincipal LtiPrincipal user, @PathVariable String token,
            @PathVariable UUID learnerUnitId, @PathVariable UUID recordId, @RequestParam(required = false) String typedName) {
        LearnerUnit unit = PortfolioAccess.requireOwn(user, learnerUnits.visible(user, learnerUnitId));
        experts.signAsCandidate(user, unit, recordId, typedName);
        return seeOther("/s/" + token + "/witnesses/" + unit.id() + "/expert/" + recordId + "?signed");
    }

    private String issued(LearnerUnit unit, WitnessLinks.Issued issued, Model model) {
        model.addAttribute("lu", unit);
        model.addAttribute("issued", issued.link());
        model.addAttribute("issuedLink", properties.baseUrlString() + "/witness/" + issued.token());
        return "witnesses/link-issued";
    }

    private LearnerUnit expertReader(LtiPrincipal user, UUID learnerUnitId) {
        return readers.expertReader(user, learnerUnitId);
    }

    private LearnerUnit assessable(LtiPrincipal user, UUID learnerUnitId) {
        return readers.assessable(user, learnerUnitId);
    }

    private static RedirectView seeOther(String path) {
        RedirectView view = new RedirectView(path, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        return view;
    }
}
