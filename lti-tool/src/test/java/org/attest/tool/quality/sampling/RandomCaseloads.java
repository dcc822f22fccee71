package org.attest.tool.quality.sampling;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;
import org.attest.tool.quality.sampling.Candidate.Assessor;
import org.attest.tool.quality.sampling.Candidate.Stage;

/**
 * Random caseloads and rules for the property tests, each rebuilt from its number alone so a failure names the
 * caseload that shows it: up to eight assessors of every risk, up to 120 learner units over four units, random
 * methods, employers, sites, start dates and earlier samples (some fields unknown).
 */
record RandomCaseloads(long number, SamplingRules rules, List<Candidate> candidates, long seed) {

    private static final AssessmentMethod[] METHODS = AssessmentMethod.values();
    private static final String[] UNITS = {"201", "202", "224", "225"};
    private static final String[] EMPLOYERS = {null, "Acme", "Bolt Ltd", "Crane & Co"};
    private static final String[] SITES = {null, "Leeds", "York"};

    static RandomCaseloads number(long number) {
        Random random = new Random(number);
        List<Assessor> assessors = new ArrayList<>();
        int assessorCount = 1 + random.nextInt(8);
        for (int i = 0; i < assessorCount; i++) {
            boolean trainee = random.nextInt(4) == 0;
            boolean newToAssessing = !trainee && random.nextInt(5) == 0;
            int disagreements = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 0;
            assessors.add(new Assessor("assessor-" + i, "Assessor " + i, trainee, newToAssessing, disagreements));
        }
        List<Candidate> candidates = new ArrayList<>();
        int unitCount = random.nextInt(121);
        for (int i = 0; i < unitCount; i++) {
            candidates.add(new Candidate(new UUID(random.nextLong(), random.nextLong()), "learner-" + i, "Learner " + i,
                    "course-1", "Customer service L2", UNITS[random.nextInt(UNITS.length)],
                    assessors.get(random.nextInt(assessorCount)), methods(random), EMPLOYERS[random.nextInt(EMPLOYERS.length)],
                    SITES[random.nextInt(SITES.length)],
                    random.nextInt(10) == 0 ? null : LocalDate.of(2024, 1, 1).plusDays(random.nextInt(900)),
                    random.nextBoolean() ? Stage.SIGNED_OFF : Stage.IN_PROGRESS, sampledBefore(random)));
        }
        SamplingKind kind = random.nextBoolean() ? SamplingKind.SUMMATIVE : SamplingKind.INTERIM;
        int base = 1 + random.nextInt(100);
        int raised = base + random.nextInt(101 - base);
        SamplingRules rules = new SamplingRules(kind, base, raised, 6, requiredMethods(random), random.nextBoolean(),
                random.nextBoolean(),
                random.nextBoolean(), random.nextBoolean());
        return new RandomCaseloads(number, rules, List.copyOf(candidates), random.nextLong());
    }

    Proposal propose() {
        return Sampling.propose(rules, candidates, seed);
    }

    /** The candidates the rules may pick from. */
    List<Candidate> eligible() {
        return candidates.stream().filter(c -> c.stage() == rules.kind().stage()).toList();
    }

    private static Set<AssessmentMethod> methods(Random random) {
        Set<AssessmentMethod> methods = EnumSet.noneOf(AssessmentMethod.class);
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            methods.add(METHODS[random.nextInt(METHODS.length)]);
        }
        return methods;
    }

    private static Set<AssessmentMethod> requiredMethods(Random random) {
        return random.nextInt(3) == 0 ? methods(random) : Set.of();
    }

    private static Set<SamplingKind> sampledBefore(Random random) {
        int roll = random.nextInt(10);
        return roll == 0 ? Set.of(SamplingKind.INTERIM) : roll == 1 ? Set.of(SamplingKind.SUMMATIVE) : Set.of();
    }

    @Override
    public String toString() {
        return "caseload " + number;
    }
}
