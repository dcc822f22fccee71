package org.attest.tool.quality.sampling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;
import org.attest.tool.quality.sampling.Candidate.Assessor;

/**
 * Assessor × unit × method coverage of a sample, with the gaps in words, ready for a template to print: one row per
 * assessor and unit, one cell per method any candidate uses, strings throughout.
 *
 * @param methodColumns the column headings: the methods the caseload uses, in the awarding body's order
 * @param rows sorted by assessor name, then unit code
 * @param gaps every gap, in row order: methods an assessor uses that their sample does not show yet
 *        ("no Professional discussion sampled for Tom Trainee yet") and units of an assessor's with nothing sampled
 *        ("Unit 224: nothing of Alex Assessor's sampled")
 */
public record SamplingMatrix(List<String> methodColumns, List<Row> rows, List<String> gaps) {

    public SamplingMatrix {
        methodColumns = List.copyOf(methodColumns);
        rows = List.copyOf(rows);
        gaps = List.copyOf(gaps);
    }

    /**
     * @param assessorRowSpan the number of rows this assessor has on the row that starts them, 0 on the others
     * @param units how many learner units the assessor has on the unit
     * @param sampled how many of them are sampled
     * @param cells one per {@link SamplingMatrix#methodColumns()}, in that order
     * @param gaps this row's gaps in words (empty when none)
     */
    public record Row(String assessor, int assessorRowSpan, String unit, String units, String sampled,
            List<Cell> cells, List<String> gaps) {

        public Row {
            cells = List.copyOf(cells);
            gaps = List.copyOf(gaps);
        }
    }

    /**
     * @param text "2 of 5" (sampled units showing the method, of the units using it), or "–" when no unit uses it
     * @param state {@code covered}, {@code gap} or {@code unused}, for a CSS class
     * @param label the cell in words for screen readers ("Professional discussion: 0 of 3 units sampled")
     */
    public record Cell(String text, String state, String label) {
    }

    /** @param sampled the learner unit ids in the sample; ids of units not among the candidates are ignored */
    public static SamplingMatrix of(List<Candidate> candidates, Set<UUID> sampled) {
        Set<AssessmentMethod> used = EnumSet.noneOf(AssessmentMethod.class);
        Map<String, Map<String, List<Candidate>>> byAssessorAndUnit = new HashMap<>();
        Map<String, Candidate> firstOfAssessor = new HashMap<>();
        for (Candidate c : candidates) {
            used.addAll(c.methods());
            // the assessor as the lowest learner unit id has them, so the input order cannot change a name
            firstOfAssessor.merge(c.assessor().id(), c,
                    (a, b) -> a.learnerUnitId().compareTo(b.learnerUnitId()) <= 0 ? a : b);
            byAssessorAndUnit.computeIfAbsent(c.assessor().id(), id -> new HashMap<>())
                    .computeIfAbsent(c.unitCode(), code -> new ArrayList<>()).add(c);
        }
        List<Assessor> assessors = firstOfAssessor.values().stream().map(Candidate::assessor).toList();
        List<AssessmentMethod> columns = List.copyOf(used);
        List<Row> rows = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        assessors.stream().sorted(Comparator.comparing(Assessor::name).thenComparing(Assessor::id))
                .forEach(assessor -> {
                    Map<String, List<Candidate>> units = new TreeMap<>(SamplingMatrix::compareUnitCodes);
                    units.putAll(byAssessorAndUnit.get(assessor.id()));
                    gaps.addAll(methodGaps(assessor, units, sampled));
                    boolean first = true;
                    for (Map.Entry<String, List<Candidate>> unit : units.entrySet()) {
                        Row row = row(assessor, first ? units.size() : 0, unit.getValue(), columns, sampled);
                        rows.add(row);
                        gaps.addAll(row.gaps());
                        first = false;
                    }
                });
        return new SamplingMatrix(columns.stream().map(AssessmentMethod::label).toList(), rows, gaps);
    }

    private static Row row(Assessor assessor, int rowSpan, List<Candidate> units, List<AssessmentMethod> columns,
            Set<UUID> sampled) {
        Map<AssessmentMethod, int[]> counts = new EnumMap<>(AssessmentMethod.class);
        int sampledUnits = 0;
        for (Candidate c : units) {
            boolean in = sampled.contains(c.learnerUnitId());
            sampledUnits += in ? 1 : 0;
            for (AssessmentMethod m : c.methods()) {
                int[] n = counts.computeIfAbsent(m, k -> new int[2]);
                n[0]++;
                n[1] += in ? 1 : 0;
            }
        }
        List<Cell> cells = columns.stream().map(m -> cell(m, counts.get(m))).toList();
        String unit = units.get(0).unitLabel();
        List<String> gaps = sampledUnits == 0 ? List.of(unit + ": nothing of " + assessor.name() + "'s sampled")
                : List.of();
        return new Row(assessor.name(), rowSpan, unit, String.valueOf(units.size()), String.valueOf(sampledUnits),
                cells, gaps);
    }

    private static Cell cell(AssessmentMethod method, int[] count) {
        if (count == null) {
            return new Cell("–", "unused", method.label() + ": not used");
        }
        String text = count[1] + " of " + count[0];
        return new Cell(text, count[1] > 0 ? "covered" : "gap",
                method.label() + ": " + text + (count[0] == 1 ? " unit" : " units") + " sampled");
    }

    private static List<String> methodGaps(Assessor assessor, Map<String, List<Candidate>> units, Set<UUID> sampled) {
        Set<AssessmentMethod> missing = EnumSet.noneOf(AssessmentMethod.class);
        units.values().forEach(list -> list.forEach(c -> missing.addAll(c.methods())));
        units.values().forEach(list -> list.stream().filter(c -> sampled.contains(c.learnerUnitId()))
                .forEach(c -> missing.removeAll(c.methods())));
        return missing.stream().map(m -> "no " + m.label() + " sampled for " + assessor.name() + " yet").toList();
    }

    /** "9" before "10"; codes that are not numbers in text order after those that are. */
    static int compareUnitCodes(String a, String b) {
        boolean numberA = isNumber(a);
        boolean numberB = isNumber(b);
        if (numberA && numberB) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        return numberA != numberB ? (numberA ? -1 : 1) : a.compareTo(b);
    }

    private static boolean isNumber(String code) {
        if (code.isEmpty() || code.length() > 9) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
