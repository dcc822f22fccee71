package org.attest.tool.portfolio.internal;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.Criterion;
import org.attest.tool.portfolio.AssessmentDecision;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.PortfolioRefused;
import org.attest.tool.portfolio.internal.Assessment.DecisionInput;
import org.attest.tool.portfolio.internal.LearnerPortfolio.Verdict;

/** The rule for a decision on one criterion: what it rests on, when it may be MET, and when it changes nothing. */
public final class CriterionDecisions {

    static final int MAX_FEEDBACK = 4000;

    private CriterionDecisions() {
    }

    /**
     * A decision on one criterion by the assessor named, resting on every current piece of evidence confirmed for
     * it; empty when it is the same decision again, which changes nothing.
     */
    public static Optional<NewDecision> decide(LearnerUnit unit, String assessorSubject, String assessorName,
            Criterion criterion, DecisionInput input, AssessmentDecision.Source source, boolean qualified,
            List<Evidence> currentEvidence, List<AssessmentDecision> currentDecisions, Instant at) {
        Set<UUID> reliedOn = new LinkedHashSet<>();
        for (Evidence e : currentEvidence) {
            if (e.mappings().stream().anyMatch(m -> m.itemId().equals(criterion.id()) && m.status() == MappingStatus.CONFIRMED)) {
                reliedOn.add(e.id());
            }
        }
        if (input.outcome() == Outcome.MET && reliedOn.isEmpty()) {
            throw PortfolioRefused.invalid(criterion.code() + " cannot be met without evidence: confirm evidence the learner "
                    + "mapped to it first");
        }
        String feedback = input.feedback() == null || input.feedback().isBlank() ? null : input.feedback().strip();
        if (feedback != null && feedback.length() > MAX_FEEDBACK) {
            throw PortfolioRefused.invalid("feedback on " + criterion.code() + " is longer than 4,000 characters");
        }
        Optional<AssessmentDecision> previous = currentDecisions.stream()
                .filter(d -> d.criterionId().equals(criterion.id())).findFirst();
        if (previous.isPresent() && previous.get().outcome() == input.outcome()
                && Objects.equals(previous.get().feedback(), feedback)
                && previous.get().evidenceReliedOn().equals(reliedOn) && !previous.get().needsReview()
                && previous.get().verifierDisagreed() == null
                && previous.get().assessorSubject().equals(assessorSubject)) {
            return Optional.empty();
        }
        return Optional.of(new NewDecision(UUID.randomUUID(), unit.id(), criterion, input.outcome(), feedback, reliedOn,
                source, assessorSubject, assessorName, !qualified, previous.map(AssessmentDecision::id).orElse(null), at));
    }

    static Evidence withVerdicts(Evidence e, List<Verdict> verdicts) {
        List<Evidence.Mapping> mappings = e.mappings().stream()
                .map(m -> verdicts.stream().filter(v -> v.itemId().equals(m.itemId())).findFirst()
                        .map(v -> new Evidence.Mapping(m.itemId(), m.kind(), m.code(), v.status(), m.reviewedByName(),
                                m.reviewedAt()))
                        .orElse(m))
                .toList();
        return e.withParts(e.files(), mappings);
    }
}
