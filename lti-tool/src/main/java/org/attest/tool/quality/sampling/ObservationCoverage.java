package org.attest.tool.quality.sampling;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.attest.standards.AssessmentMethod;
import org.attest.tool.quality.sampling.Candidate.Assessor;

/**
 * Whether an interim plan has observed each assessor's practice, in words, next to the sampling matrix: trainee and new
 * assessors are observed early and in every plan, others at least once a year, and anyone whose last observation found
 * development needed is observed again. Pure: the caller passes the assessors, their observations and today.
 *
 * @param rows one per assessor, by name: "not observed in this plan yet" or "observed 12 March 2027 (Observation,
 *        meets the standard)"
 * @param gaps the rows that are gaps, in words ("Tom Trainee is a trainee assessor: not observed in this plan yet")
 */
public record ObservationCoverage(List<Row> rows, List<String> gaps) {

    /** A qualified assessor is observed at least once in this many months. */
    public static final int QUALIFIED_EVERY_MONTHS = 12;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    public ObservationCoverage {
        rows = List.copyOf(rows);
        gaps = List.copyOf(gaps);
    }

    /**
     * One observation of an assessor's practice.
     *
     * @param inPlan recorded for the plan being read (others count for "at least once a year" and "observe again")
     */
    public record Observed(String assessorId, LocalDate on, AssessmentMethod method, boolean meetsStandard,
            boolean inPlan) {

        public Observed {
            Objects.requireNonNull(assessorId, "an observation names the assessor observed");
            Objects.requireNonNull(on, "an observation has a date");
            Objects.requireNonNull(method, "an observation names the assessment method observed");
        }
    }

    /**
     * @param standing "trainee assessor", "new to assessing" or "qualified assessor"
     * @param status the observation status in words, without the name
     * @param gap whether the plan has a gap for this assessor (then {@link #gaps()} says why)
     */
    public record Row(String assessorId, String assessor, String standing, String status, boolean gap) {
    }

    public static ObservationCoverage of(Collection<Assessor> assessors, Collection<Observed> observations,
            LocalDate today) {
        Map<String, Assessor> byId = new LinkedHashMap<>();
        assessors.forEach(a -> byId.putIfAbsent(a.id(), a));
        List<Row> rows = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        byId.values().stream().sorted(Comparator.comparing(Assessor::name).thenComparing(Assessor::id)).forEach(a -> {
            List<Observed> theirs = observations.stream().filter(o -> o.assessorId().equals(a.id()))
                    .sorted(Comparator.comparing(Observed::on)).toList();
            List<Observed> inPlan = theirs.stream().filter(Observed::inPlan).toList();
            Observed last = theirs.isEmpty() ? null : theirs.get(theirs.size() - 1);
            String status = inPlan.isEmpty()
                    ? "not observed in this plan yet" + (last == null ? "" : "; last observed " + words(last))
                    : "observed " + String.join("; ", inPlan.stream().map(ObservationCoverage::words).toList());
            List<String> theirGaps = new ArrayList<>();
            if (inPlan.isEmpty() && (a.trainee() || a.newToAssessing())) {
                theirGaps.add(a.name() + (a.trainee() ? " is a trainee assessor" : " is new to assessing")
                        + ": not observed in this plan yet");
            } else if (!a.trainee() && !a.newToAssessing()
                    && theirs.stream().noneMatch(o -> o.on().isAfter(today.minusMonths(QUALIFIED_EVERY_MONTHS)))) {
                theirGaps.add(a.name() + ": not observed in the last " + QUALIFIED_EVERY_MONTHS + " months");
            }
            if (last != null && !last.meetsStandard()) {
                theirGaps.add(a.name() + ": development needed at the observation of " + DAY.format(last.on())
                        + "; observe again");
            }
            rows.add(new Row(a.id(), a.name(), standing(a), status, !theirGaps.isEmpty()));
            gaps.addAll(theirGaps);
        });
        return new ObservationCoverage(rows, gaps);
    }

    /** "12 March 2027 (Observation, meets the standard)". */
    static String words(Observed o) {
        return DAY.format(o.on()) + " (" + o.method().label() + ", "
                + (o.meetsStandard() ? "meets the standard" : "development needed") + ")";
    }

    private static String standing(Assessor a) {
        return a.trainee() ? "trainee assessor" : a.newToAssessing() ? "new to assessing" : "qualified assessor";
    }
}
