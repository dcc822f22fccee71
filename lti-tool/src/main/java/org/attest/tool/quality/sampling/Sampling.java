package org.attest.tool.quality.sampling;

import java.util.List;

/**
 * Proposes an IQA sample from the plan's rules and the live caseload.
 *
 * <p>Reproducible: the same rules, candidates and seed give the same proposal whatever the order of the candidates
 * (they are sorted by learner unit id before anything is drawn, and each assessor draws from a stream of their own,
 * so adding one assessor's units does not change another's draw). Explainable: every pick carries at least one
 * reason in plain words. Linear in the caseload apart from the sorts.
 */
public final class Sampling {

    private Sampling() {
    }

    /**
     * @param candidates every learner unit of the plan's caseload, in any order and at any stage; only those at the
     *        stage of {@link SamplingRules#kind()} can be picked
     * @throws IllegalArgumentException when a learner unit appears twice in the caseload
     */
    public static Proposal propose(SamplingRules rules, List<Candidate> candidates, long seed) {
        return new SampleDraw(rules, candidates, seed).propose();
    }
}
