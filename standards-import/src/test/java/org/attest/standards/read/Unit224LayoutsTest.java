package org.attest.standards.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.attest.standards.AssessmentMethod;
import org.attest.standards.Criterion;
import org.attest.standards.CriterionKind;
import org.attest.standards.Element;
import org.attest.standards.ImportResult;
import org.attest.standards.ImportWarning;
import org.attest.standards.RangeItem;
import org.attest.standards.Samples;
import org.attest.standards.SimulationRule;
import org.attest.standards.StandardsImportException;
import org.attest.standards.Unit;
import org.attest.standards.Unit224;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Unit 224 as markdown (002) and as text extracted from its PDF (000) reads to the same unit. */
class Unit224LayoutsTest {

    static ImportResult importSample(Samples sample) throws StandardsImportException {
        return StandardsImporter.read(new SourceDocument(sample.fileName(), sample.bytes()));
    }

    static Unit unit224(Samples sample) throws StandardsImportException {
        List<Unit> units = importSample(sample).framework().units();
        assertThat(units).hasSize(1);
        return units.get(0);
    }

    @ParameterizedTest
    @EnumSource(value = Samples.class, names = {"UNIT_224", "UNIT_224_FROM_PDF"})
    void readsThreeElementsWithTheirCriteria(Samples sample) throws Exception {
        Unit unit = unit224(sample);

        assertThat(unit.code()).isEqualTo("224");
        assertThat(unit.elements()).extracting(Element::code).containsExactly("224.1", "224.2", "224.3");
        assertThat(unit.elements()).extracting(Element::title).containsExactly(
                "can establish the type and level of support your customer needs to achieve online customer service",
                "can support online customer service in conversation with your customer",
                "understand how to support customers using online services.");
        assertThat(unit.elements().get(0).criteria()).hasSize(5);
        assertThat(unit.elements().get(1).criteria()).hasSize(6);
        assertThat(unit.elements().get(2).criteria()).hasSize(7);
    }

    @ParameterizedTest
    @EnumSource(value = Samples.class, names = {"UNIT_224", "UNIT_224_FROM_PDF"})
    void readsEveryCriterionStatementExactlyWithItsKind(Samples sample) throws Exception {
        Unit unit = unit224(sample);

        assertThat(statements(unit, CriterionKind.PERFORMANCE)).containsExactlyEntriesOf(Unit224.PERFORMANCE);
        assertThat(statements(unit, CriterionKind.KNOWLEDGE)).containsExactlyEntriesOf(Unit224.KNOWLEDGE);
        assertThat(unit.criteria()).allSatisfy(c -> assertThat(c.statement())
                .doesNotContain("\uFFFD", "\u00A0", "\t", "  ", "**")
                .doesNotStartWith(" "));
    }

    @ParameterizedTest
    @EnumSource(value = Samples.class, names = {"UNIT_224", "UNIT_224_FROM_PDF"})
    void readsWhatYouMustCoverAsRangeItems(Samples sample) throws Exception {
        Unit unit = unit224(sample);

        Map<String, String> range = unit.rangeItems()
                .collect(Collectors.toMap(RangeItem::code, RangeItem::statement, (a, b) -> a, LinkedHashMap::new));
        assertThat(range).containsExactlyEntriesOf(Unit224.RANGE);
        assertThat(unit.range()).extracting(g -> g.statement()).containsExactly(
                "You must provide evidence of supporting customers who are:",
                "Your evidence must include examples of helping customers with difficulties caused by:");
    }

    @ParameterizedTest
    @EnumSource(value = Samples.class, names = {"UNIT_224", "UNIT_224_FROM_PDF"})
    void parsesTheEvidenceRules(Samples sample) throws Exception {
        Unit unit = unit224(sample);

        assertThat(unit.evidence().simulation()).isEqualTo(SimulationRule.NOT_ALLOWED_FOR_PERFORMANCE);
        assertThat(unit.evidence().allowsSimulationFor(CriterionKind.PERFORMANCE)).isFalse();
        assertThat(unit.evidence().allowsSimulationFor(CriterionKind.KNOWLEDGE)).isTrue();
        assertThat(unit.evidence().realWorkRequired()).isTrue();
        assertThat(unit.evidence().differentCustomersRequired()).isTrue();
        assertThat(unit.evidence().minimumOccasions()).isEqualTo(2);
        assertThat(unit.evidence().statements())
                .anySatisfy(s -> assertThat(s).contains("with different customers on different occasions"))
                .anySatisfy(s -> assertThat(s).startsWith("Your evidence should be collected when carrying out a real job"));
        assertThat(unit.methods()).containsExactly(AssessmentMethod.OBSERVATION, AssessmentMethod.QUESTIONING,
                AssessmentMethod.PRODUCT_EVIDENCE, AssessmentMethod.WITNESS_TESTIMONY, AssessmentMethod.PROFESSIONAL_DISCUSSION);
    }

    @Test
    void markdownPrintsTitleLevelAndCredits() throws Exception {
        Unit unit = unit224(Samples.UNIT_224);

        assertThat(unit.title()).isEqualTo(Unit224.TITLE);
        assertThat(unit.level()).isEqualTo(2);
        assertThat(unit.credits()).isEqualTo(5);
        assertThat(importSample(Samples.UNIT_224).warnings()).isEmpty();
    }

    @Test
    void pdfTextLacksTheUnitHeadingSoTheImportSaysWhereTheNumberCameFrom() throws Exception {
        ImportResult result = importSample(Samples.UNIT_224_FROM_PDF);

        Unit unit = result.framework().units().get(0);
        assertThat(unit.title()).isNull();
        assertThat(unit.level()).isNull();
        assertThat(result.warnings()).extracting(ImportWarning::code)
                .containsExactly("UNIT_CODE_FROM_CRITERIA", "UNIT_TITLE_MISSING");
        assertThat(result.warnings().get(1).message()).contains("--unit-title");
    }

    @Test
    void layoutsGiveEqualModelsApartFromWhatThePdfTextLacks() throws Exception {
        Unit markdown = unit224(Samples.UNIT_224);
        Unit pdfText = unit224(Samples.UNIT_224_FROM_PDF);

        Unit markdownWithoutHeading = new Unit(markdown.id(), markdown.code(), null, null, null, markdown.aims(),
                markdown.elements(), markdown.range(), markdown.evidence(), markdown.methods());
        assertThat(pdfText.elements()).isEqualTo(markdown.elements());
        assertThat(pdfText.range()).isEqualTo(markdown.range());
        assertThat(pdfText.evidence().statements()).hasSameSizeAs(markdown.evidence().statements());
        assertThat(pdfText.evidence().simulation()).isEqualTo(markdown.evidence().simulation());
        assertThat(pdfText.withParts(pdfText.elements(), pdfText.range()))
                .usingRecursiveComparison().ignoringFields("evidence.statements")
                .isEqualTo(markdownWithoutHeading);
    }

    @Test
    void unitTitleGivenByTheAdminCompletesThePdfText() throws Exception {
        ImportOptions options = ImportOptions.defaults().withUnit(null, Unit224.TITLE);
        ImportResult result = new StandardsImporter(options).importDocuments(List.of(
                new SourceDocument("224.txt", Samples.UNIT_224_FROM_PDF.bytes())));

        assertThat(result.framework().units().get(0).title()).isEqualTo(Unit224.TITLE);
        assertThat(result.warnings()).extracting(ImportWarning::code).containsExactly("UNIT_CODE_FROM_CRITERIA");
    }

    @Test
    void sameDocumentAlwaysGivesTheSameIds() throws Exception {
        Unit first = unit224(Samples.UNIT_224);
        Unit second = unit224(Samples.UNIT_224);

        assertThat(second).isEqualTo(first);
        assertThat(first.criteria().map(Criterion::id).distinct().count()).isEqualTo(18);
        assertThat(first.id().version()).isEqualTo(5);
        assertThat(first.criteria()).allSatisfy(c -> assertThat(c.id().version()).isEqualTo(5));
    }

    private static Map<String, String> statements(Unit unit, CriterionKind kind) {
        return unit.criteria().filter(c -> c.kind() == kind)
                .collect(Collectors.toMap(Criterion::code, Criterion::statement, (a, b) -> a, LinkedHashMap::new));
    }
}
