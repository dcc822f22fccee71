package org.attest.tool.quality.sampling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.attest.standards.AssessmentMethod;
import org.attest.tool.quality.sampling.Candidate.Assessor;

/**
 * One run of {@link Sampling#propose}: per assessor their rate by risk, then their units, then their methods; then
 * the spread of candidates across employers, sites and start quarters.
 */
final class SampleDraw {

    private static final Comparator<Candidate> BY_ID = Comparator.comparing(Candidate::learnerUnitId);
    private static final Comparator<Candidate> FOR_READING = Comparator
            .comparing((Candidate c) -> c.assessor().name()).thenComparing(c -> c.assessor().id())
            .thenComparing(Candidate::unitCode).thenComparing(Candidate::learnerName).thenComparing(BY_ID);

    private final SamplingRules rules;
    private final long seed;
    private final List<Candidate> eligible;
    private final Map<UUID, List<String>> picked = new LinkedHashMap<>();
    private final Set<UUID> alreadyInSample = new HashSet<>();
    private final List<String> unmet = new ArrayList<>();

    SampleDraw(SamplingRules rules, List<Candidate> candidates, long seed) {
        this.rules = rules;
        this.seed = seed;
        refuseDuplicates(candidates);
        this.eligible = candidates.stream().filter(c -> c.stage() == rules.kind().stage()).sorted(BY_ID).toList();
    }

    Proposal propose() {
        if (eligible.isEmpty()) {
            unmet.add("no learner units " + rules.kind().stageWords() + " to sample yet");
        }
        for (Candidate c : eligible) {
            if (c.sampledBefore().contains(rules.kind())) {
                alreadyInSample.add(c.learnerUnitId());
            }
        }
        Map<String, List<Candidate>> byAssessor = groupBy(eligible, c -> c.assessor().id());
        byAssessor.values().forEach(this::sampleAssessor);
        spreadCandidates();
        List<Proposal.Pick> picks = eligible.stream().filter(c -> picked.containsKey(c.learnerUnitId()))
                .sorted(FOR_READING).map(c -> new Proposal.Pick(c, picked.get(c.learnerUnitId()))).toList();
        List<UUID> already = eligible.stream().map(Candidate::learnerUnitId).filter(alreadyInSample::contains).toList();
        return new Proposal(rules.kind(), seed, picks, already, unmet);
    }

    private void sampleAssessor(List<Candidate> units) {
        Assessor assessor = units.get(0).assessor();
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + assessor.id().hashCode());
        List<Candidate> drawOrder = drawOrder(units, random);
        if (assessor.sampledInFull()) {
            String reason = SamplingWords.inFull(assessor, rules.kind());
            drawOrder.forEach(c -> pick(c, reason));
        } else {
            int rate = rules.ratePercentFor(assessor);
            int target = Math.max(1, (rate * units.size() + 99) / 100);
            int prior = (int) units.stream().filter(this::chosen).count();
            String reason = SamplingWords.drawn(assessor, rate, units.size(), target, prior, rules, seed);
            int need = target - prior;
            for (int i = 0; i < drawOrder.size() && need > 0; i++) {
                if (!chosen(drawOrder.get(i))) {
                    pick(drawOrder.get(i), reason);
                    need--;
                }
            }
        }
        if (rules.spreadAcrossUnits()) {
            groupBy(drawOrder, Candidate::unitCode).values().stream()
                    .filter(unit -> unit.stream().noneMatch(this::chosen))
                    .forEach(unit -> pick(unit.get(0), SamplingWords.firstOnUnit(assessor, unit.get(0))));
        }
        coverMethods(assessor, drawOrder);
    }

    /** Each method the assessor's units use, and each required one, shows in their sample or in the unmet list. */
    private void coverMethods(Assessor assessor, List<Candidate> drawOrder) {
        Map<AssessmentMethod, Integer> unitsWith = new EnumMap<>(AssessmentMethod.class);
        Set<AssessmentMethod> missing = EnumSet.noneOf(AssessmentMethod.class);
        for (Candidate c : drawOrder) {
            c.methods().forEach(m -> unitsWith.merge(m, 1, Integer::sum));
            missing.addAll(c.methods());
        }
        for (AssessmentMethod m : rules.requiredMethods()) {
            if (!unitsWith.containsKey(m)) {
                unmet.add(SamplingWords.noUnitWith(m, assessor));
            }
        }
        drawOrder.stream().filter(this::chosen).forEach(c -> missing.removeAll(c.methods()));
        while (!missing.isEmpty()) {
            Candidate best = null;
            int bestGain = 0;
            for (Candidate c : drawOrder) {
                int gain = chosen(c) ? 0 : (int) c.methods().stream().filter(missing::contains).count();
                if (gain > bestGain) {
                    best = c;
                    bestGain = gain;
                }
            }
            Set<AssessmentMethod> gained = EnumSet.noneOf(AssessmentMethod.class);
            best.methods().stream().filter(missing::contains).forEach(gained::add);
            for (String reason : SamplingWords.methods(gained, unitsWith, assessor)) {
                pick(best, reason);
            }
            missing.removeAll(gained);
        }
    }

    /** At least one pick from each employer, site and start quarter that has candidates. */
    private void spreadCandidates() {
        List<Candidate> drawOrder = drawOrder(eligible, new SplittableRandom(seed));
        if (rules.spreadAcrossEmployers()) {
            spread(drawOrder, c -> c.employer() == null ? "" : c.employer(), SamplingWords::employer);
        }
        if (rules.spreadAcrossSites()) {
            spread(drawOrder, c -> c.site() == null ? "" : c.site(), SamplingWords::site);
        }
        if (rules.spreadAcrossStartDates()) {
            spread(drawOrder, SamplingWords::startQuarter, SamplingWords::started);
        }
    }

    private void spread(List<Candidate> drawOrder, Function<Candidate, String> group, Function<String, String> words) {
        Map<String, List<Candidate>> groups = groupBy(drawOrder, group);
        groups.forEach((key, members) -> {
            if (members.stream().noneMatch(this::chosen)) {
                pick(members.get(0), words.apply(key));
            }
        });
    }

    /** A seeded shuffle, with units never sampled in any kind before those sampled already. */
    private static List<Candidate> drawOrder(List<Candidate> sortedById, SplittableRandom random) {
        List<Candidate> order = new ArrayList<>(sortedById);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Candidate swap = order.get(i);
            order.set(i, order.get(j));
            order.set(j, swap);
        }
        order.sort(Comparator.comparing(c -> !c.sampledBefore().isEmpty()));
        return order;
    }

    private boolean chosen(Candidate c) {
        return picked.containsKey(c.learnerUnitId()) || alreadyInSample.contains(c.learnerUnitId());
    }

    private void pick(Candidate c, String reason) {
        if (!alreadyInSample.contains(c.learnerUnitId())) {
            picked.computeIfAbsent(c.learnerUnitId(), id -> new ArrayList<>()).add(reason);
        }
    }

    private static Map<String, List<Candidate>> groupBy(Collection<Candidate> candidates, Function<Candidate, String> key) {
        Map<String, List<Candidate>> groups = new TreeMap<>();
        candidates.forEach(c -> groups.computeIfAbsent(key.apply(c), k -> new ArrayList<>()).add(c));
        return groups;
    }

    private static void refuseDuplicates(List<Candidate> candidates) {
        Map<UUID, Candidate> seen = new HashMap<>();
        for (Candidate c : candidates) {
            if (seen.putIfAbsent(c.learnerUnitId(), c) != null) {
                throw new IllegalArgumentException("learner unit " + c.learnerUnitId() + " (" + c.learnerName() + ", "
                        + c.unitLabel() + ") appears twice in the caseload: pass each learner unit once");
            }
        }
    }
}
