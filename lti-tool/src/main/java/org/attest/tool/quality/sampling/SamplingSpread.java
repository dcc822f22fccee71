package org.attest.tool.quality.sampling;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * How a sample spreads across the caseload's employers and assessment sites (the C and the A of CAMERA), ready for a
 * template: one line per employer and per site, with how many learners the caseload has there and how many of them
 * the sample takes, and the gaps in words.
 *
 * @param employers by employer name; learners whose employer is not known last, as one line
 * @param sites by site name; learners whose site is not known last, as one line
 * @param gaps employers and sites with learners of which nobody is sampled
 *        ("no learner from employer Greggs sampled yet", "no learner at site Leeds sampled yet")
 */
public record SamplingSpread(List<Line> employers, List<Line> sites, List<String> gaps) {

    /** The line's name when the employer or site is not known. */
    public static final String NOT_RECORDED = "Not recorded";

    public SamplingSpread {
        employers = List.copyOf(employers);
        sites = List.copyOf(sites);
        gaps = List.copyOf(gaps);
    }

    /**
     * @param name the employer or site, or {@link #NOT_RECORDED}
     * @param known false on the line of learners whose employer or site is not known
     * @param learners learners of the caseload there
     * @param sampled of them, learners with at least one learner unit in the sample
     */
    public record Line(String name, boolean known, int learners, int sampled) {

        public boolean covered() {
            return sampled > 0;
        }
    }

    /** Employers and sites covered of those in the caseload; learners count once however many units they have. */
    public static SamplingSpread of(List<Candidate> candidates, Set<UUID> sampled) {
        List<String> gaps = new ArrayList<>();
        List<Line> employers = lines(candidates, sampled, Candidate::employer);
        List<Line> sites = lines(candidates, sampled, Candidate::site);
        employers.stream().filter(l -> !l.covered()).forEach(l -> gaps.add(l.known()
                ? "no learner from employer " + l.name() + " sampled yet"
                : "no learner without an employer recorded sampled yet"));
        sites.stream().filter(l -> !l.covered()).forEach(l -> gaps.add(l.known()
                ? "no learner at site " + l.name() + " sampled yet"
                : "no learner without an assessment site recorded sampled yet"));
        return new SamplingSpread(employers, sites, gaps);
    }

    private static List<Line> lines(List<Candidate> candidates, Set<UUID> sampled, Function<Candidate, String> place) {
        Map<String, Set<String>> learners = new TreeMap<>();
        Map<String, Set<String>> sampledLearners = new TreeMap<>();
        Set<String> unknown = new HashSet<>();
        Set<String> unknownSampled = new HashSet<>();
        for (Candidate c : candidates) {
            String where = place.apply(c);
            boolean in = sampled.contains(c.learnerUnitId());
            String learner = c.learnerId() == null ? c.learnerUnitId().toString() : c.learnerId();
            if (where == null) {
                unknown.add(learner);
                if (in) {
                    unknownSampled.add(learner);
                }
            } else {
                learners.computeIfAbsent(where, k -> new HashSet<>()).add(learner);
                if (in) {
                    sampledLearners.computeIfAbsent(where, k -> new HashSet<>()).add(learner);
                }
            }
        }
        List<Line> lines = new ArrayList<>();
        learners.forEach((name, who) -> lines.add(
                new Line(name, true, who.size(), sampledLearners.getOrDefault(name, Set.of()).size())));
        if (!unknown.isEmpty()) {
            lines.add(new Line(NOT_RECORDED, false, unknown.size(), unknownSampled.size()));
        }
        return lines;
    }
}
