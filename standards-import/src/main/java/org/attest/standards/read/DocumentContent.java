package org.attest.standards.read;

import java.util.List;
import org.attest.standards.AssessmentMethod;
import org.attest.standards.RecordingForm;
import org.attest.standards.Unit;
import org.attest.standards.WitnessStatus;

/**
 * What a layout found in one document. Units come without ids: the importer assigns them once
 * it knows the framework they belong to.
 *
 * @param qualification the qualification the document names ("Level 2 N/SVQ in Customer Service"), or {@code null}
 */
record DocumentContent(
        List<Unit> units,
        String qualification,
        List<AssessmentMethod> assessmentMethods,
        List<RecordingForm> recordingForms,
        List<WitnessStatus> witnessStatuses) {

    static DocumentContent ofUnits(List<Unit> units) {
        return new DocumentContent(units, null, List.of(), List.of(), List.of());
    }
}
