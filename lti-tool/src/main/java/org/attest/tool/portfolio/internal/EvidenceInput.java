package org.attest.tool.portfolio.internal;

import java.time.LocalDate;
import java.util.Set;
import org.attest.standards.AssessmentMethod;

/** What a learner types into the evidence form, before checking. */
public record EvidenceInput(String title, String account, LocalDate occasionDate, Set<AssessmentMethod> methods,
        String customerReference, String customerDescriptor, boolean simulated, String location,
        Evidence.Witness witness) {

    public EvidenceInput {
        methods = methods == null ? Set.of() : Set.copyOf(methods);
    }
}
