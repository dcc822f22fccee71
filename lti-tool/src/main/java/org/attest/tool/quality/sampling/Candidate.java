package org.attest.tool.quality.sampling;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;

/**
 * One learner unit that could be sampled, with the facts the sampling rules look at.
 *
 * @param methods the assessment methods of the unit's current evidence (the codes evidence records today)
 * @param employer the learner's employer, or null where Attest does not know it (such candidates form one group)
 * @param site the assessment site, or null where Attest does not know it (such candidates form one group)
 * @param started when the learner started, or null where unknown
 * @param sampledBefore the kinds of sampling that already took this learner unit; a unit already in the sample of
 *        the kind being proposed counts towards the rules and is not proposed again
 */
public record Candidate(UUID learnerUnitId, String learnerId, String learnerName, String courseId, String courseLabel,
        String unitCode, Assessor assessor, Set<AssessmentMethod> methods, String employer, String site,
        LocalDate started, Stage stage, Set<SamplingKind> sampledBefore) {

    public enum Stage {
        IN_PROGRESS,
        SIGNED_OFF
    }

    public Candidate {
        Objects.requireNonNull(learnerUnitId, "a sampling candidate needs its learner unit id");
        Objects.requireNonNull(unitCode, () -> "learner unit " + learnerUnitId + " has no unit code");
        Objects.requireNonNull(assessor, () -> "learner unit " + learnerUnitId + " has no assessor: assign one first");
        Objects.requireNonNull(stage, () -> "learner unit " + learnerUnitId + " has no stage");
        learnerName = learnerName == null || learnerName.isBlank() ? "learner " + learnerId : learnerName;
        methods = methods == null ? Set.of() : Set.copyOf(methods);
        sampledBefore = sampledBefore == null ? Set.of() : Set.copyOf(sampledBefore);
        employer = blankToNull(employer);
        site = blankToNull(site);
    }

    /** "Unit 224". */
    public String unitLabel() {
        return "Unit " + unitCode;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * The assessor responsible for the learner unit, and the facts that set their sampling rate.
     *
     * @param trainee still working towards the assessor qualification (a qualified assessor countersigns)
     * @param newToAssessing qualified, but made their first decisions recently (the caller decides how recently)
     * @param recentDisagreements IQA "not agree" decisions on this assessor's work within the plan's
     *        {@link SamplingRules#raisedForMonths()}; any raises the assessor to the raised rate
     */
    public record Assessor(String id, String name, boolean trainee, boolean newToAssessing, int recentDisagreements) {

        public Assessor {
            Objects.requireNonNull(id, "an assessor needs an id");
            name = name == null || name.isBlank() ? "assessor " + id : name;
            if (recentDisagreements < 0) {
                throw new IllegalArgumentException(
                        "assessor " + name + " has " + recentDisagreements + " disagreements: count zero or more");
            }
        }

        /** Trainee and new assessors have every unit sampled. */
        boolean sampledInFull() {
            return trainee || newToAssessing;
        }
    }
}
