package org.attest.standards;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the rules Attest enforces out of the evidence requirements an awarding body prints. */
public final class EvidenceRules {

    private static final Pattern SIMULATION_NOT_FOR_PERFORMANCE =
            Pattern.compile("simulation (?:is )?not (?:allowed|permitted|acceptable) for (?:any )?performance");
    private static final Pattern SIMULATION_NOT_ALLOWED =
            Pattern.compile("simulation (?:is )?not (?:allowed|permitted|acceptable)|must not (?:be )?simulat|no simulation");
    private static final Pattern SIMULATION_ALLOWED =
            Pattern.compile("simulation (?:is |may be )?(?:allowed|permitted|acceptable)");
    private static final Pattern REAL_WORK =
            Pattern.compile("real (?:job|work)|real customers|real working|actual work");
    private static final Pattern AT_LEAST_OCCASIONS =
            Pattern.compile("(?:at least|a minimum of|minimum of|on) (\\d{1,2}|two|three|four|five|six) (?:separate |different |distinct )?occasions");
    private static final Map<String, Integer> NUMBER_WORDS =
            Map.of("two", 2, "three", 3, "four", 4, "five", 5, "six", 6);

    private EvidenceRules() {
    }

    public static EvidenceRequirements parse(List<String> statements) {
        String text = String.join(" ", statements).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        SimulationRule simulation;
        if (SIMULATION_NOT_FOR_PERFORMANCE.matcher(text).find()) {
            simulation = SimulationRule.NOT_ALLOWED_FOR_PERFORMANCE;
        } else if (SIMULATION_NOT_ALLOWED.matcher(text).find()) {
            simulation = SimulationRule.NOT_ALLOWED;
        } else if (SIMULATION_ALLOWED.matcher(text).find()) {
            simulation = SimulationRule.ALLOWED;
        } else {
            simulation = SimulationRule.NOT_STATED;
        }
        int occasions = 1;
        Matcher m = AT_LEAST_OCCASIONS.matcher(text);
        if (m.find()) {
            String n = m.group(1);
            occasions = NUMBER_WORDS.containsKey(n) ? NUMBER_WORDS.get(n) : Integer.parseInt(n); // at most two digits
        } else if (text.contains("different occasions") || text.contains("separate occasions")
                || text.contains("more than one occasion")) {
            occasions = 2;
        }
        boolean differentCustomers = text.contains("different customers");
        return new EvidenceRequirements(statements, simulation, REAL_WORK.matcher(text).find(),
                Math.max(1, Math.min(occasions, 99)), differentCustomers);
    }
}
