package org.attest.tool.portfolio;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;

/**
 * One learner's unit as a sampling plan sees it (CAMERA: the candidate, the assessor, the methods and evidence, the
 * records), read for a whole centre at once by {@link SamplingCandidates}.
 *
 * @param assessorSubject who assessed the unit: the assessor who signed it off, else the one who made most of its
 *        current decisions; null when no one has decided anything yet
 * @param traineeAssessor that assessor is flagged as working towards their qualification (countersigned)
 * @param methods the assessment methods the unit's current evidence records, in the awarding body's order
 * @param evidenceCount pieces of current evidence (superseded versions left out)
 * @param started when the learner opened the unit
 * @param signedOffAt when the sign-off in force was signed; null when the unit is not signed off
 * @param held an internal verifier holds the unit (did not agree, not released yet)
 */
public record UnitForSampling(UUID learnerUnitId, Course course, String learnerSubject, String learnerName,
        UUID frameworkId, String unitCode, String assessorSubject, String assessorName, boolean traineeAssessor,
        Set<AssessmentMethod> methods, int evidenceCount, Instant started, Instant signedOffAt, boolean complete,
        boolean held) {

    public UnitForSampling {
        // in the awarding body's order (an EnumSet), so pages list them as the standards do
        methods = methods.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(methods));
    }

    public boolean signedOff() {
        return signedOffAt != null;
    }
}
