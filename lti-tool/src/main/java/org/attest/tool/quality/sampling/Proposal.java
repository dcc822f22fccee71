package org.attest.tool.quality.sampling;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A proposed sample: the learner units to add, each with why, and what the rules could not meet.
 *
 * @param picks learner units to add to the sample, sorted by assessor name, unit and learner name
 * @param alreadyInSample learner units already sampled in this kind of sampling, which counted towards the rules
 * @param unmet what the rules ask for and the caseload cannot give, in words
 *        ("no unit assessed by Observation for Tom Trainee yet")
 */
public record Proposal(SamplingKind kind, long seed, List<Pick> picks, List<UUID> alreadyInSample, List<String> unmet) {

    public Proposal {
        picks = List.copyOf(picks);
        alreadyInSample = List.copyOf(alreadyInSample);
        unmet = List.copyOf(unmet);
    }

    /** The picks and the units already in the sample: what the matrix shows as sampled once the IQA accepts. */
    public Set<UUID> sampledIds() {
        Set<UUID> ids = new LinkedHashSet<>(alreadyInSample);
        picks.forEach(p -> ids.add(p.candidate().learnerUnitId()));
        return ids;
    }

    /** One learner unit to sample, with at least one reason in plain words. */
    public record Pick(Candidate candidate, List<String> reasons) {

        public Pick {
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a pick needs a reason: " + candidate.learnerUnitId());
            }
        }
    }
}
