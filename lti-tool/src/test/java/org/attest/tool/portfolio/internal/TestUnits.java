package org.attest.tool.portfolio.internal;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;
import org.attest.standards.Criterion;
import org.attest.standards.CriterionKind;
import org.attest.standards.Element;
import org.attest.standards.ElementKind;
import org.attest.standards.EvidenceRequirements;
import org.attest.standards.Samples;
import org.attest.standards.StandardsImportException;
import org.attest.standards.Unit;
import org.attest.standards.read.SourceDocument;
import org.attest.standards.read.StandardsImporter;

/** Units for portfolio tests: Unit 224 as the tool imports it from the seed, and a small RQF unit. */
final class TestUnits {

    private static final Unit UNIT_224 = read224();

    private TestUnits() {
    }

    static Unit unit224() {
        return UNIT_224;
    }

    private static Unit read224() {
        try {
            return StandardsImporter.read(new SourceDocument(Samples.UNIT_224.fileName(), Samples.UNIT_224.bytes()))
                    .framework().unit("224")
                    .orElseThrow(() -> new IllegalStateException("the Unit 224 sample has no unit 224"));
        } catch (StandardsImportException e) {
            throw new IllegalStateException("the Unit 224 sample does not import", e);
        }
    }

    /** An RQF unit: two learning outcomes with assessment criteria, no range, no evidence rules. */
    static Unit rqfUnit() {
        return new Unit(UUID.randomUUID(), "R101", "Understand customer service", 2, 3, null,
                List.of(outcome("1", "1.1", "1.2"), outcome("2", "2.1")),
                List.of(), EvidenceRequirements.NONE, List.of(AssessmentMethod.PORTFOLIO_EVIDENCE));
    }

    private static Element outcome(String code, String... criteria) {
        return new Element(UUID.randomUUID(), code, "learning outcome " + code, ElementKind.LEARNING_OUTCOME,
                Arrays.stream(criteria)
                        .map(c -> new Criterion(UUID.randomUUID(), c, "criterion " + c, CriterionKind.ASSESSMENT))
                        .toList());
    }
}
