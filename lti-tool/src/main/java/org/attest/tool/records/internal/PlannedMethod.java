package org.attest.tool.records.internal;

import java.util.List;
import org.attest.standards.AssessmentMethod;

/** One of the plan's "Evidences assessed by" boxes: the method and the words the form prints, in the form's order. */
public record PlannedMethod(AssessmentMethod method, String label) {

    public static final List<PlannedMethod> ON_THE_FORM = List.of(
            new PlannedMethod(AssessmentMethod.OBSERVATION, "Direct /e-Observation"),
            new PlannedMethod(AssessmentMethod.PROJECTS_AND_ASSIGNMENTS, "Projects and assignments"),
            new PlannedMethod(AssessmentMethod.QUESTIONING, "Oral questioning"),
            new PlannedMethod(AssessmentMethod.PROFESSIONAL_DISCUSSION, "Professional discussion"),
            new PlannedMethod(AssessmentMethod.WITNESS_TESTIMONY, "Witness testimony"),
            new PlannedMethod(AssessmentMethod.PORTFOLIO_EVIDENCE, "Portfolio evidence"),
            new PlannedMethod(AssessmentMethod.CASE_STUDY, "Case study"),
            new PlannedMethod(AssessmentMethod.SUPPLEMENTARY_EVIDENCE, "Supplementary evidence"),
            new PlannedMethod(AssessmentMethod.WRITTEN_QUESTIONS, "Written questions"),
            new PlannedMethod(AssessmentMethod.ACCREDITED_PRIOR_ACHIEVEMENT, "Accredited prior achievement"),
            new PlannedMethod(AssessmentMethod.PRODUCT_EVIDENCE, "Work products"));
}
