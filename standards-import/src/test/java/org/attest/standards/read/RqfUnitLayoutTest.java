package org.attest.standards.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.List;
import org.attest.standards.Criterion;
import org.attest.standards.CriterionKind;
import org.attest.standards.Element;
import org.attest.standards.ElementKind;
import org.attest.standards.ImportResult;
import org.attest.standards.ImportWarning;
import org.attest.standards.SimulationRule;
import org.attest.standards.StandardsImportException;
import org.attest.standards.Unit;
import org.junit.jupiter.api.Test;

/** RQF/QCF units: learning outcomes beside assessment criteria, level, credit, aims, evidence requirements. */
class RqfUnitLayoutTest {

    static byte[] fixture(String name) throws Exception {
        try (InputStream in = RqfUnitLayoutTest.class.getResourceAsStream("/rqf/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsOutcomesCriteriaAndUnitFacts() throws Exception {
        ImportResult result = StandardsImporter.read(new SourceDocument("unit-301-rqf.txt", fixture("unit-301-rqf.txt")));
        Unit unit = result.framework().units().get(0);

        assertThat(unit.code()).isEqualTo("301");
        assertThat(unit.title()).isEqualTo("Principles of customer service delivery");
        assertThat(unit.level()).isEqualTo(3);
        assertThat(unit.credits()).isEqualTo(4);
        assertThat(unit.aims()).startsWith("This unit gives the learner the knowledge needed").endsWith("when they arise.");
        assertThat(unit.elements()).extracting(Element::code, Element::title, Element::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1", "Understand how to meet customer expectations", ElementKind.LEARNING_OUTCOME),
                org.assertj.core.groups.Tuple.tuple("2", "Know how to resolve customer service problems", ElementKind.LEARNING_OUTCOME),
                org.assertj.core.groups.Tuple.tuple("3", "Understand how to monitor customer service", ElementKind.LEARNING_OUTCOME));
        assertThat(unit.criteria().map(Criterion::code).toList())
                .containsExactly("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2");
        assertThat(unit.criterion("1.1").orElseThrow().statement())
                .isEqualTo("Describe the factors that influence customer expectations");
        assertThat(unit.criterion("2.1").orElseThrow().statement())
                .isEqualTo("Describe methods of resolving customer service problems");
        assertThat(unit.criterion("2.2").orElseThrow().statement())
                .isEqualTo("Explain when to refer a customer service problem to someone with more authority");
        assertThat(unit.criteria()).allSatisfy(c -> assertThat(c.kind()).isEqualTo(CriterionKind.ASSESSMENT));
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void readsNumberedEvidenceRequirementsWithLetteredSubItems() throws Exception {
        Unit unit = StandardsImporter.read(new SourceDocument("u.txt", fixture("unit-301-rqf.txt"))).framework().units().get(0);

        assertThat(unit.evidence().statements()).containsExactly(
                "Evidence must be gathered from real work activities.",
                "Simulation is not allowed for this unit.",
                "Evidence must show the learner supporting different customers on at least three occasions, including: "
                        + "(a) a customer who is new to the organisation (b) a customer with a complaint.");
        assertThat(unit.evidence().simulation()).isEqualTo(SimulationRule.NOT_ALLOWED);
        assertThat(unit.evidence().minimumOccasions()).isEqualTo(3);
        assertThat(unit.evidence().differentCustomersRequired()).isTrue();
        assertThat(unit.evidence().realWorkRequired()).isTrue();
    }

    @Test
    void unitNumberAndTitleMissingAreTakenFromTheFileNameWithWarnings() throws Exception {
        ImportResult result = StandardsImporter.read(
                new SourceDocument("unit_512_equality-and-diversity.txt", fixture("principles-no-header.txt")));
        Unit unit = result.framework().units().get(0);

        assertThat(unit.code()).isEqualTo("512");
        assertThat(unit.title()).isEqualTo("Equality and diversity");
        assertThat(unit.level()).isEqualTo(2);
        assertThat(unit.credits()).isEqualTo(2);
        assertThat(unit.criteria().map(Criterion::code).toList()).containsExactly("1.1", "1.2", "2.1");
        assertThat(result.warnings()).extracting(ImportWarning::code)
                .containsExactly("UNIT_CODE_FROM_FILE_NAME", "UNIT_TITLE_FROM_FILE_NAME");
    }

    @Test
    void unitNumberAndTitleFromOptionsNeedNoWarning() throws Exception {
        ImportResult result = new StandardsImporter(ImportOptions.defaults().withUnit("512", "Principles of equality"))
                .importDocuments(List.of(new SourceDocument("principles.txt", fixture("principles-no-header.txt"))));

        assertThat(result.framework().units().get(0).displayName()).isEqualTo("Unit 512 Principles of equality");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void unitWithoutNumberAnywhereIsRefusedWithWhatToDo() throws Exception {
        byte[] doc = fixture("principles-no-header.txt");

        assertThatThrownBy(() -> StandardsImporter.read(new SourceDocument("principles.txt", doc)))
                .isInstanceOf(StandardsImportException.class)
                .hasMessageContaining("principles.txt")
                .hasMessageContaining("--unit-code");
    }
}
