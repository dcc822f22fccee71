package org.attest.tool.quality.sampling;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.attest.standards.AssessmentMethod;

/**
 * The sampling plan's rules for one proposal.
 *
 * <p>Trainee and new assessors always have 100 % of their units sampled; the rates here are for qualified
 * assessors. The raised rate holds for {@code raisedForMonths} months after a disagreement: the caller counts an
 * assessor's disagreements in that window ({@link Candidate.Assessor#recentDisagreements()}); the engine raises the
 * rate while that count is above zero.
 *
 * @param baseRatePercent share of a qualified assessor's units sampled, 1 to 100 (rounded up, at least one unit)
 * @param raisedRatePercent the share after a disagreement, from the base rate to 100
 * @param raisedForMonths how long a disagreement raises the rate, 1 to 60 months (the caller's counting window)
 * @param requiredMethods methods each assessor's sample must show even where no unit used them yet (a gap is then
 *        reported); every method an assessor's units do use is covered whatever this says
 * @param spreadAcrossUnits at least one pick from each unit an assessor's learners are on, so the matrix shows no
 *        unit of an assessor's with nothing sampled
 * @param spreadAcrossEmployers at least one pick from each employer that has candidates (unknown employer: one group)
 * @param spreadAcrossSites at least one pick from each site that has candidates (unknown site: one group)
 * @param spreadAcrossStartDates at least one pick from each quarter learners started in (unknown: one group)
 */
public record SamplingRules(SamplingKind kind, int baseRatePercent, int raisedRatePercent, int raisedForMonths,
        Set<AssessmentMethod> requiredMethods, boolean spreadAcrossUnits, boolean spreadAcrossEmployers,
        boolean spreadAcrossSites, boolean spreadAcrossStartDates) {

    public static final int DEFAULT_BASE_RATE_PERCENT = 10;
    public static final int DEFAULT_RAISED_RATE_PERCENT = 50;
    public static final int DEFAULT_RAISED_FOR_MONTHS = 6;

    public SamplingRules {
        Objects.requireNonNull(kind, "say whether the sample is interim or summative");
        if (baseRatePercent < 1 || baseRatePercent > 100) {
            throw new IllegalArgumentException("base rate " + baseRatePercent
                    + " % is out of range: give a whole percentage from 1 to 100");
        }
        if (raisedRatePercent < baseRatePercent || raisedRatePercent > 100) {
            throw new IllegalArgumentException("raised rate " + raisedRatePercent + " % is out of range: give a whole "
                    + "percentage from the base rate (" + baseRatePercent + " %) to 100");
        }
        if (raisedForMonths < 1 || raisedForMonths > 60) {
            throw new IllegalArgumentException("a disagreement raising the rate for " + raisedForMonths
                    + " months is out of range: give 1 to 60 months");
        }
        requiredMethods = requiredMethods == null || requiredMethods.isEmpty() ? Set.of()
                : Set.copyOf(EnumSet.copyOf(requiredMethods));
    }

    /**
     * 10 % for qualified assessors, 50 % for six months after a disagreement, every method the units use, spread
     * across each assessor's units and across employers, sites and start quarters.
     */
    public static SamplingRules defaults(SamplingKind kind) {
        return new SamplingRules(kind, DEFAULT_BASE_RATE_PERCENT, DEFAULT_RAISED_RATE_PERCENT,
                DEFAULT_RAISED_FOR_MONTHS, Set.of(), true, true, true, true);
    }

    /** The same rules, with every method of the qualification's assessment action plan (the 004 list) required. */
    public SamplingRules requiringEveryActionPlanMethod() {
        return withRequiredMethods(EnumSet.allOf(AssessmentMethod.class));
    }

    public SamplingRules withRequiredMethods(Set<AssessmentMethod> methods) {
        return new SamplingRules(kind, baseRatePercent, raisedRatePercent, raisedForMonths, methods,
                spreadAcrossUnits, spreadAcrossEmployers, spreadAcrossSites, spreadAcrossStartDates);
    }

    public SamplingRules withRates(int basePercent, int raisedPercent) {
        return new SamplingRules(kind, basePercent, raisedPercent, raisedForMonths, requiredMethods,
                spreadAcrossUnits, spreadAcrossEmployers, spreadAcrossSites, spreadAcrossStartDates);
    }

    public SamplingRules withSpread(boolean units, boolean employers, boolean sites, boolean startDates) {
        return new SamplingRules(kind, baseRatePercent, raisedRatePercent, raisedForMonths, requiredMethods, units,
                employers, sites, startDates);
    }

    /** The rate for this assessor when not sampled in full. */
    int ratePercentFor(Candidate.Assessor assessor) {
        return assessor.recentDisagreements() > 0 ? raisedRatePercent : baseRatePercent;
    }
}
