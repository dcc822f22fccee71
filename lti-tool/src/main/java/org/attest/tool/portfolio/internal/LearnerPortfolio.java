package org.attest.tool.portfolio.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.Criterion;
import org.attest.standards.Framework;
import org.attest.standards.Unit;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.AssessmentDecision;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.PortfolioRefused;
import org.attest.tool.portfolio.audit.AuditAction;
import org.attest.tool.portfolio.internal.Assessment.DecisionInput;

/**
 * One learner's portfolio for one unit, as read in one go: their current evidence, the current decision per
 * criterion and the signatures in force. Its methods hold the portfolio's rules: each checks what may
 * happen and returns the change to store, refusing with a message for the person who tried; none writes
 * anything. Completion itself is {@link Completion}'s.
 */
public final class LearnerPortfolio {

    public static final String DECLARATION = "I declare that the evidence in this portfolio is my own work, gathered in my "
            + "real job with real customers, and that any witness named is a genuine witness of it.";
    public static final String SIGN_OFF = "I confirm that the learner has met every criterion and covered the range of this "
            + "unit, that the evidence is valid, authentic, current and sufficient, and that I assessed it.";
    public static final String COUNTERSIGNATURE = "As a qualified assessor I countersign this sign-off by an assessor "
            + "working towards their qualification.";

    private final LearnerUnit unit;
    private final Framework framework;
    private final Unit model;
    private final List<Evidence> evidence;
    private final List<AssessmentDecision> decisions;
    private final List<UnitSignature> signatures;
    private CompletionReport report;

    public LearnerPortfolio(LearnerUnit unit, Framework framework, Unit model, List<Evidence> evidence,
            List<AssessmentDecision> decisions, List<UnitSignature> signatures) {
        this.unit = unit;
        this.framework = framework;
        this.model = model;
        this.evidence = List.copyOf(evidence);
        this.decisions = List.copyOf(decisions);
        this.signatures = List.copyOf(signatures);
    }

    public LearnerUnit unit() {
        return unit;
    }

    public CompletionReport report() {
        if (report == null) {
            report = Completion.evaluate(model, Snapshots.of(unit.qualityHoldReason(), evidence, decisions, signatures));
        }
        return report;
    }

    public PortfolioView view() {
        return new PortfolioView(unit, framework, model, report(), evidence, decisions, signatures);
    }

    public boolean signedOff() {
        return signedOff(signatures);
    }

    /** A unit is signed off once its sign-off is among the signatures in force. */
    public static boolean signedOff(List<UnitSignature> signatures) {
        return signatures.stream().anyMatch(s -> s.kind() == UnitSignature.Kind.SIGN_OFF);
    }

    private Optional<UnitSignature> signature(UnitSignature.Kind kind) {
        return signatures.stream().filter(s -> s.kind() == kind).findFirst();
    }

    /** What the learner unit's row keeps for lists and queues, as this portfolio stands. */
    public LearnerUnitStore.Counts counts() {
        CompletionReport r = report();
        int awaiting = (int) evidence.stream().flatMap(e -> e.mappings().stream())
                .filter(m -> m.status() == MappingStatus.CLAIMED).count();
        // What the marking and countersignature queues would list for this unit.
        int toMark = (int) evidence.stream().filter(e -> e.status() == Evidence.Status.SUBMITTED || e.hasClaims()).count();
        boolean signOffWaits = signature(UnitSignature.Kind.SIGN_OFF).filter(UnitSignature::needsCountersignature).isPresent()
                && signature(UnitSignature.Kind.SIGN_OFF_COUNTERSIGNATURE).isEmpty();
        int toCountersign = (int) decisions.stream().filter(AssessmentDecision::awaitingCountersignature).count()
                + (signOffWaits ? 1 : 0);
        return new LearnerUnitStore.Counts(r.criteriaMet(), r.criteriaTotal(), r.readyForSignOff(), r.complete(), awaiting,
                toMark, toCountersign);
    }

    // --- Evidence -------------------------------------------------------------------------------------------------

    /** A signed-off unit is closed: its evidence stays as the assessor signed it. */
    public void requireEvidenceMayChange() {
        requireEvidenceMayChange(unit, signatures);
    }

    /** The same rule for a caller that holds only the unit and its signatures, without reading the portfolio whole. */
    public static void requireEvidenceMayChange(LearnerUnit unit, List<UnitSignature> signatures) {
        if (signedOff(signatures)) {
            throw PortfolioRefused.conflict("Unit " + unit.unitCode() + " is signed off; its evidence can no longer change");
        }
    }

    /**
     * Sets which criteria and range items the learner claims the evidence proves. Claims are added and
     * withdrawn; what an assessor already confirmed or rejected stays as the assessor left it.
     */
    public Claims claims(Evidence target, Set<UUID> itemIds) {
        return Claims.of(unit, model, target, itemIds);
    }

    // --- Assessment -----------------------------------------------------------------------------------------------

    /** A verdict that changes a claim's status. */
    public record Verdict(UUID itemId, String code, MappingStatus status) {
    }

    /**
     * What a review changes: the verdicts that differ from the mappings as they were, whether the evidence is
     * now assessed, and the decisions to record, each resting on the evidence as confirmed after the verdicts.
     */
    public record Review(List<Verdict> verdicts, boolean assessed, List<NewDecision> decisions, List<Audited> audit) {
    }

    /**
     * An assessor's review of one piece of this portfolio's evidence: a verdict on each claim, and decisions on the
     * criteria it bears on. A MET decision relies on all current evidence confirmed for that criterion.
     */
    public Review review(LtiPrincipal assessor, Evidence reviewed, Map<UUID, MappingStatus> verdicts,
            Map<UUID, DecisionInput> inputs, boolean qualified, Instant at) {
        if (!reviewed.current()) {
            throw PortfolioRefused.conflict("the learner has made a newer version of this evidence; review that one");
        }
        if (signedOff()) {
            throw PortfolioRefused.conflict("Unit " + unit.unitCode() + " is signed off; its decisions can no longer change");
        }
        List<Verdict> changed = new ArrayList<>();
        for (Map.Entry<UUID, MappingStatus> verdict : verdicts.entrySet()) {
            if (verdict.getValue() == MappingStatus.CLAIMED) {
                continue;
            }
            Evidence.Mapping mapping = reviewed.mappings().stream().filter(m -> m.itemId().equals(verdict.getKey()))
                    .findFirst().orElseThrow(() -> PortfolioRefused.invalid("the learner did not map this evidence to that item"));
            if (mapping.status() != verdict.getValue()) {
                changed.add(new Verdict(mapping.itemId(), mapping.code(), verdict.getValue()));
            }
        }
        // Assessed once the assessor has judged something on it; a review saved with every claim left for later changes nothing.
        boolean assessed = !changed.isEmpty() || reviewed.mappings().stream().anyMatch(m -> m.status() != MappingStatus.CLAIMED)
                || inputs.values().stream().anyMatch(d -> d != null && d.outcome() != null);
        List<Audited> audit = new ArrayList<>();
        List<String> confirmed = codes(changed, MappingStatus.CONFIRMED);
        List<String> rejected = codes(changed, MappingStatus.REJECTED);
        if (!confirmed.isEmpty()) {
            audit.add(Audited.by(assessor, AuditAction.MAPPING_CONFIRMED,
                    Map.of("evidence", reviewed.id().toString(), "items", confirmed)));
        }
        if (!rejected.isEmpty()) {
            audit.add(Audited.by(assessor, AuditAction.MAPPING_REJECTED,
                    Map.of("evidence", reviewed.id().toString(), "items", rejected)));
        }
        // Every decision rests on the evidence as confirmed after the verdicts above.
        List<Evidence> basis = evidence.stream().map(e -> e.id().equals(reviewed.id()) ? CriterionDecisions.withVerdicts(e, changed) : e).toList();
        List<NewDecision> decided = new ArrayList<>();
        for (Map.Entry<UUID, DecisionInput> entry : inputs.entrySet()) {
            if (entry.getValue() == null || entry.getValue().outcome() == null) {
                continue;
            }
            Criterion criterion = model.criteria().filter(c -> c.id().equals(entry.getKey())).findFirst()
                    .orElseThrow(() -> PortfolioRefused.invalid("that criterion is not part of Unit " + unit.unitCode()));
            CriterionDecisions.decide(unit, assessor.subject(), assessor.displayName(), criterion, entry.getValue(),
                    AssessmentDecision.Source.ASSESSOR, qualified, basis, decisions, at)
                    .ifPresent(d -> {
                        decided.add(d);
                        audit.add(d.audited());
                    });
        }
        return new Review(changed, assessed, decided, audit);
    }

    private static List<String> codes(List<Verdict> verdicts, MappingStatus status) {
        return verdicts.stream().filter(v -> v.status() == status).map(Verdict::code).toList();
    }


    // --- Signatures -----------------------------------------------------------------------------------------------

    /** The learner declares the evidence their own real work; the caller has checked the portfolio is theirs. */
    public NewSignature declare(LtiPrincipal learner, String typedName, Instant at) {
        requireTypedName(learner, typedName);
        if (signature(UnitSignature.Kind.DECLARATION).isPresent()) {
            throw PortfolioRefused.conflict("you have already signed the declaration");
        }
        if (evidence.isEmpty()) {
            throw PortfolioRefused.invalid("add your evidence before you sign the declaration");
        }
        return signature(learner, UnitSignature.Kind.DECLARATION, typedName, DECLARATION, false, at);
    }

    /** The assessor signs the unit off once every rule holds and the learner has declared. */
    public NewSignature signOff(LtiPrincipal assessor, String typedName, boolean qualified, Instant at) {
        requireTypedName(assessor, typedName);
        if (signedOff()) {
            throw PortfolioRefused.conflict("Unit " + unit.unitCode() + " is already signed off");
        }
        if (!report().readyForSignOff()) {
            throw PortfolioRefused.conflict("Unit " + unit.unitCode() + " cannot be signed off yet: "
                    + String.join("; ", report().missing()));
        }
        if (signature(UnitSignature.Kind.DECLARATION).isEmpty()) {
            throw PortfolioRefused.conflict("the learner has not signed the declaration yet");
        }
        return signature(assessor, UnitSignature.Kind.SIGN_OFF, typedName, SIGN_OFF, !qualified, at);
    }

    /** A qualified assessor countersigns an unqualified assessor's sign-off. */
    public NewSignature countersignSignOff(LtiPrincipal countersigner, String typedName, boolean qualified, Instant at) {
        requireTypedName(countersigner, typedName);
        UnitSignature signOff = signature(UnitSignature.Kind.SIGN_OFF)
                .orElseThrow(() -> PortfolioRefused.conflict("Unit " + unit.unitCode() + " has not been signed off"));
        if (!signOff.needsCountersignature() || signature(UnitSignature.Kind.SIGN_OFF_COUNTERSIGNATURE).isPresent()) {
            throw PortfolioRefused.conflict("that sign-off needs no countersignature");
        }
        requireCountersigner(countersigner, signOff.signerSubject(), qualified);
        return signature(countersigner, UnitSignature.Kind.SIGN_OFF_COUNTERSIGNATURE, typedName, COUNTERSIGNATURE, false, at);
    }

    /** The name of the assessor whose sign-off awaits a countersignature, for the audit trail. */
    public String signOffSigner() {
        return signature(UnitSignature.Kind.SIGN_OFF).map(UnitSignature::signerName).orElse(null);
    }

    /** Only a qualified assessor countersigns, and never their own work. */
    public static void requireCountersigner(LtiPrincipal countersigner, String originalAssessor, boolean qualified) {
        if (!qualified) {
            throw PortfolioRefused.forbidden("only a qualified assessor can countersign; ask your centre administrator");
        }
        if (countersigner.subject().equals(originalAssessor)) {
            throw PortfolioRefused.forbidden("you cannot countersign your own work");
        }
    }

    private NewSignature signature(LtiPrincipal signer, UnitSignature.Kind kind, String typedName, String statement,
            boolean needsCountersignature, Instant at) {
        return new NewSignature(unit.id(), kind, signer.subject(), signer.displayName(), typedName.strip(), statement,
                needsCountersignature, at);
    }

    /** A signature is the signer's name typed out, as on the paper forms; it must be the name the LMS knows them by. */
    static void requireTypedName(LtiPrincipal signer, String typedName) {
        if (typedName == null || typedName.isBlank()) {
            throw PortfolioRefused.invalid("type your full name to sign");
        }
        String known = signer.name();
        if (known != null && !known.isBlank() && !normalise(known).equals(normalise(typedName))) {
            throw PortfolioRefused.invalid("type your name as your LMS knows it (" + known + ") to sign");
        }
    }

    private static String normalise(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
