package org.attest.standards;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An outcome framework: the units of a qualification as an awarding body prints them, plus the
 * general recording documents that come with them. Immutable; identifiers are stable UUID v5
 * values, so the same document always gives the same framework.
 *
 * @param id stable identifier of the framework (its UUID namespace for every item below it)
 * @param title what a centre calls it ("Level 2 N/SVQ in Customer Service")
 * @param version the version an admin gave it; a re-import under a new version keeps the ids
 * @param creator the awarding body or whoever published the document
 * @param units the units in document order
 * @param assessmentMethods methods the qualification lists for assessing evidence
 * @param recordingForms general recording forms (assessment report, observation record, ...)
 * @param witnessStatuses the witness status categories witnesses are placed in
 */
public record Framework(
        UUID id,
        String title,
        String version,
        String creator,
        List<Unit> units,
        List<AssessmentMethod> assessmentMethods,
        List<RecordingForm> recordingForms,
        List<WitnessStatus> witnessStatuses) {

    public Framework {
        units = List.copyOf(units);
        assessmentMethods = List.copyOf(assessmentMethods);
        recordingForms = List.copyOf(recordingForms);
        witnessStatuses = List.copyOf(witnessStatuses);
    }

    public Optional<Unit> unit(String code) {
        return units.stream().filter(u -> u.code().equals(code)).findFirst();
    }

    public Stream<Criterion> criteria() {
        return units.stream().flatMap(Unit::criteria);
    }

    public Framework withUnits(List<Unit> newUnits) {
        return new Framework(id, title, version, creator, newUnits, assessmentMethods, recordingForms, witnessStatuses);
    }
}
