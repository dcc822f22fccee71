package org.attest.tool.portfolio.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.attest.standards.Criterion;
import org.attest.standards.CriterionKind;
import org.attest.standards.EvidenceRequirements;
import org.attest.standards.RangeItem;
import org.attest.standards.SimulationRule;
import org.attest.standards.Unit;
import org.attest.tool.portfolio.internal.CompletionReport.CriterionState;
import org.attest.tool.portfolio.internal.CompletionReport.CriterionStatus;
import org.attest.tool.portfolio.internal.CompletionReport.RangeStatus;
import org.attest.tool.portfolio.internal.PortfolioSnapshot.DecisionFacts;
import org.attest.tool.portfolio.internal.PortfolioSnapshot.EvidenceFacts;
import org.attest.tool.portfolio.internal.PortfolioSnapshot.Signatures;

/**
 * Attest's completion rules, the only place that decides whether a learner has completed a unit:
 * every criterion met on assessed evidence the unit accepts, every range item covered, enough
 * occasions and customers, the learner's declaration and the assessor's sign-off, and no internal verifier's hold
 * (rule 8: a decision the verifier did not agree with stops counting; a held unit is never complete). Pure: the same
 * unit and snapshot always give the same report. The rules and their sentences are listed in
 * {@code docs/portfolio.md}.
 */
public final class Completion {

    /** Range statements longer than this are shortened in sentences so a list of gaps stays readable. */
    private static final int RANGE_STATEMENT_LIMIT = 70;

    /** How a criterion's decision the internal verifier did not agree with is explained, before their reason. */
    public static final String VERIFIER_DISAGREED = "The internal verifier did not agree: ";
    static final String HOLD = "the internal verifier has not yet agreed: ";

    private Completion() {
    }

    /**
     * Applies every rule to the learner's current evidence, decisions and signatures.
     *
     * @param snapshot the learner's current evidence only (superseded versions left out) and one
     *        current decision per criterion; should it hold two for a criterion, the later one is used
     */
    public static CompletionReport evaluate(Unit unit, PortfolioSnapshot snapshot) {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(snapshot, "snapshot");
        EvidenceRequirements rules = unit.evidence();
        Map<UUID, DecisionFacts> decisions = snapshot.decisions().stream()
                .collect(Collectors.toMap(DecisionFacts::criterionId, Function.identity(), (earlier, later) -> later));

        List<CriterionStatus> criteria = unit.criteria()
                .map(c -> criterion(c, rules, snapshot.evidence(), decisions.get(c.id())))
                .toList();
        List<RangeStatus> range = unit.rangeItems().map(item -> range(item, rules, snapshot.evidence())).toList();

        List<String> missing = new ArrayList<>();
        criteria.stream().filter(s -> s.state() != CriterionState.MET).map(CriterionStatus::explanation)
                .forEach(missing::add);
        range.stream().filter(r -> !r.covered()).map(r -> uncovered(r, rules, snapshot.evidence()))
                .forEach(missing::add);
        missing.addAll(sufficiency(unit, snapshot.evidence()));
        boolean readyForSignOff = missing.isEmpty();
        missing.addAll(signatures(snapshot.signatures()));
        // After the signatures and outside readyForSignOff: the assessor signs off again while the hold stands.
        if (snapshot.qualityHoldReason() != null) {
            missing.add(HOLD + snapshot.qualityHoldReason());
        }

        int met = (int) criteria.stream().filter(s -> s.state() == CriterionState.MET).count();
        return new CompletionReport(missing.isEmpty(), readyForSignOff, met, criteria.size(), criteria, range, missing);
    }

    // Rules 1, 2 and 7: a MET decision counts when it rests on assessed evidence the unit accepts,
    // is not waiting for a countersignature and is not waiting for review.
    private static CriterionStatus criterion(Criterion c, EvidenceRequirements rules, List<EvidenceFacts> evidence,
            DecisionFacts decision) {
        String code = c.code();
        List<EvidenceFacts> assessed = mappedWith(evidence, c.id(), MappingStatus.CONFIRMED);
        CriterionState withoutDecision = !assessed.isEmpty() ? CriterionState.NOT_YET
                : !mappedWith(evidence, c.id(), MappingStatus.CLAIMED).isEmpty() ? CriterionState.CLAIMED
                : CriterionState.NO_EVIDENCE;
        String noAssessedEvidence = withoutDecision == CriterionState.CLAIMED
                ? code + " has no assessed evidence; the learner's claim awaits the assessor"
                : code + " has no assessed evidence";

        if (decision != null && decision.outcome() == Outcome.NOT_YET) {
            return new CriterionStatus(c, CriterionState.NOT_YET, code + " is judged not yet met");
        }
        if (decision != null && decision.verifierDisagreed() != null) {
            return new CriterionStatus(c, CriterionState.VERIFIER_DISAGREED,
                    code + ": " + VERIFIER_DISAGREED + decision.verifierDisagreed());
        }
        if (decision == null) {
            if (assessed.isEmpty()) {
                return new CriterionStatus(c, withoutDecision, noAssessedEvidence);
            }
            if (accepted(assessed, c.kind(), rules).isEmpty()) {
                return new CriterionStatus(c, withoutDecision, onlySimulated(code, c.kind(), rules));
            }
            return new CriterionStatus(c, withoutDecision, code + " awaits the assessor's decision");
        }

        Set<UUID> reliedOn = decision.evidenceReliedOn();
        List<EvidenceFacts> relied = reliedOn.isEmpty() ? assessed
                : assessed.stream().filter(e -> reliedOn.contains(e.id())).toList();
        if (assessed.isEmpty()) {
            return new CriterionStatus(c, withoutDecision, noAssessedEvidence);
        }
        if (relied.isEmpty()) {
            return new CriterionStatus(c, withoutDecision, code + " is decided on evidence not assessed for it");
        }
        if (accepted(relied, c.kind(), rules).isEmpty()) {
            return new CriterionStatus(c, withoutDecision, onlySimulated(code, c.kind(), rules));
        }
        if (decision.needsReview()) {
            return new CriterionStatus(c, CriterionState.NEEDS_REVIEW,
                    code + " changed in the new version of the unit; the assessor must review the decision");
        }
        if (decision.countersignatureNeeded() && !decision.countersigned()) {
            return new CriterionStatus(c, CriterionState.AWAITING_COUNTERSIGNATURE,
                    code + " is met by an unqualified assessor and awaits countersignature");
        }
        return new CriterionStatus(c, CriterionState.MET, code + " is met");
    }

    private static String onlySimulated(String code, CriterionKind kind, EvidenceRequirements rules) {
        String refusal = rules.simulation() == SimulationRule.NOT_ALLOWED_FOR_PERFORMANCE && kind == CriterionKind.PERFORMANCE
                ? "the unit does not accept simulation for performance criteria"
                : "the unit does not accept simulation";
        return code + " relies only on simulated evidence; " + refusal;
    }

    // Rule 3: range says what the learner must have done, so it follows the rule for performance evidence.
    private static RangeStatus range(RangeItem item, EvidenceRequirements rules, List<EvidenceFacts> evidence) {
        List<EvidenceFacts> assessed = mappedWith(evidence, item.id(), MappingStatus.CONFIRMED);
        boolean covered = !accepted(assessed, CriterionKind.PERFORMANCE, rules).isEmpty();
        boolean claimed = !assessed.isEmpty() || !mappedWith(evidence, item.id(), MappingStatus.CLAIMED).isEmpty();
        return new RangeStatus(item, covered, claimed);
    }

    private static String uncovered(RangeStatus status, EvidenceRequirements rules, List<EvidenceFacts> evidence) {
        RangeItem item = status.item();
        String sentence = "range " + item.code() + " (" + shortened(item.statement()) + ") not covered";
        if (!mappedWith(evidence, item.id(), MappingStatus.CONFIRMED).isEmpty()) {
            // assessed, yet not covered: all of it is simulated and the unit refuses that
            return sentence + "; the unit does not accept simulated evidence for it";
        }
        return sentence;
    }

    static String shortened(String statement) {
        String s = statement.strip().replaceAll("[.;:,]+$", "");
        if (s.length() <= RANGE_STATEMENT_LIMIT) {
            return s;
        }
        int cut = s.lastIndexOf(' ', RANGE_STATEMENT_LIMIT - 1);
        return s.substring(0, cut > 0 ? cut : RANGE_STATEMENT_LIMIT - 1).strip() + "…";
    }

    // Rule 4, over the evidence that counts for performance: confirmed for a performance criterion or
    // a range item, and not simulated where the unit bans it.
    private static List<String> sufficiency(Unit unit, List<EvidenceFacts> evidence) {
        Set<UUID> performance = unit.criteria().filter(c -> c.kind() == CriterionKind.PERFORMANCE)
                .map(Criterion::id).collect(Collectors.toSet());
        if (performance.isEmpty()) {
            return List.of();
        }
        Set<UUID> performanceOrRange = unit.rangeItems().map(RangeItem::id).collect(Collectors.toCollection(
                () -> new HashSet<>(performance)));
        EvidenceRequirements rules = unit.evidence();
        List<EvidenceFacts> countable = accepted(evidence.stream()
                .filter(e -> e.mappings().entrySet().stream().anyMatch(m -> m.getValue() == MappingStatus.CONFIRMED
                        && performanceOrRange.contains(m.getKey())))
                .toList(), CriterionKind.PERFORMANCE, rules);

        List<String> gaps = new ArrayList<>();
        int minimum = rules.minimumOccasions();
        long occasions = countable.stream().map(EvidenceFacts::occasion).filter(Objects::nonNull).distinct().count();
        if (occasions < minimum) {
            String asked = minimum == 1 ? "at least one occasion"
                    : minimum == 2 ? "different occasions"
                    : "at least " + minimum + " occasions";
            gaps.add("evidence comes from " + counted(occasions, "occasion") + "; the unit asks for " + asked);
        }
        if (rules.differentCustomersRequired()) {
            int needed = Math.max(2, minimum);
            // learners type references by hand, so "Mrs A " and "mrs a" are one customer
            long customers = countable.stream().map(EvidenceFacts::customerReference)
                    .filter(r -> r != null && !r.isBlank()).map(r -> r.strip().toLowerCase(Locale.ROOT))
                    .distinct().count();
            if (customers < needed) {
                String asked = needed == 2 ? "different customers on different occasions"
                        : "at least " + needed + " different customers";
                gaps.add("evidence involves " + counted(customers, "customer") + "; the unit asks for " + asked);
            }
        }
        return gaps;
    }

    private static String counted(long n, String noun) {
        return n == 0 ? "no " + noun + " yet" : n == 1 ? "1 " + noun : n + " " + noun + "s";
    }

    // Rules 5 and 6.
    private static List<String> signatures(Signatures signatures) {
        List<String> gaps = new ArrayList<>();
        if (!signatures.learnerDeclared()) {
            gaps.add("the learner has not signed the declaration");
        }
        if (!signatures.assessorSignedOff()) {
            gaps.add("no assessor has signed the unit off");
        } else if (signatures.signOffCountersignatureNeeded() && !signatures.signOffCountersigned()) {
            gaps.add("the sign-off awaits a qualified assessor's countersignature");
        }
        return gaps;
    }

    private static List<EvidenceFacts> mappedWith(List<EvidenceFacts> evidence, UUID itemId, MappingStatus status) {
        return evidence.stream().filter(e -> e.mappings().get(itemId) == status).toList();
    }

    private static List<EvidenceFacts> accepted(List<EvidenceFacts> evidence, CriterionKind kind, EvidenceRequirements rules) {
        return rules.allowsSimulationFor(kind) ? evidence : evidence.stream().filter(e -> !e.simulated()).toList();
    }
}
