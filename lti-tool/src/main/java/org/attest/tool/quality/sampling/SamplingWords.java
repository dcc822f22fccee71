package org.attest.tool.quality.sampling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.attest.standards.AssessmentMethod;
import org.attest.tool.quality.sampling.Candidate.Assessor;

/** The reasons and gaps in the words an IQA would write them. */
final class SamplingWords {

    private SamplingWords() {
    }

    static String inFull(Assessor assessor, SamplingKind kind) {
        String every = kind == SamplingKind.SUMMATIVE ? "every unit they sign off is sampled"
                : "every unit they are assessing is sampled";
        return assessor.trainee() ? assessor.name() + " is a trainee assessor: " + every
                : assessor.name() + " is new to assessing: " + every;
    }

    static String drawn(Assessor assessor, int ratePercent, int units, int target, int prior, SamplingRules rules,
            long seed) {
        String raised = assessor.recentDisagreements() == 0 ? ""
                : " (the raised rate after " + count(assessor.recentDisagreements(), "disagreement")
                        + " in the last " + rules.raisedForMonths() + " months)";
        String already = prior == 0 ? "" : ", " + prior + " of them already sampled";
        String how = ratePercent == 100 ? "every one" : "random " + rate(ratePercent);
        return how + " of " + assessor.name() + "'s units" + raised + ": " + target + " of "
                + units + already + " (seed " + seed + ")";
    }

    /** One reason per method the only unit shows, and one for the rest together. */
    static List<String> methods(Collection<AssessmentMethod> gained, Map<AssessmentMethod, Integer> unitsWith,
            Assessor assessor) {
        List<String> reasons = new ArrayList<>();
        List<String> shared = new ArrayList<>();
        for (AssessmentMethod m : gained) {
            if (unitsWith.get(m) == 1) {
                reasons.add("the only unit with " + m.label() + " for " + assessor.name());
            } else {
                shared.add(m.label());
            }
        }
        if (!shared.isEmpty()) {
            reasons.add("shows " + and(shared) + ", not yet in " + assessor.name() + "'s sample");
        }
        return reasons;
    }

    static String firstOnUnit(Assessor assessor, Candidate unit) {
        return "first of " + assessor.name() + "'s learners on " + unit.unitLabel();
    }

    static String noUnitWith(AssessmentMethod method, Assessor assessor) {
        return "no unit assessed by " + method.label() + " for " + assessor.name() + " yet";
    }

    static String employer(String employer) {
        return employer.isEmpty() ? "first learner with no employer recorded" : "first learner from employer " + employer;
    }

    static String site(String site) {
        return site.isEmpty() ? "first learner with no assessment site recorded" : "first learner at site " + site;
    }

    static String started(String quarter) {
        return quarter.isEmpty() ? "first learner with no start date recorded"
                : "first learner who started in " + quarter;
    }

    /** "2026 Q1"; empty when the start date is unknown. */
    static String startQuarter(Candidate c) {
        return c.started() == null ? "" : c.started().getYear() + " Q" + ((c.started().getMonthValue() - 1) / 3 + 1);
    }

    /** "1 in 10", "15 %". */
    static String rate(int percent) {
        return 100 % percent == 0 ? "1 in " + (100 / percent) : percent + " %";
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String and(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
