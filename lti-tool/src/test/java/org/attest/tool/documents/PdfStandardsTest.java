package org.attest.tool.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.attest.tool.documents.internal.RecordingForm;
import org.junit.jupiter.api.Test;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/**
 * The recording form and the assessor's four signed records are accessible (PDF/UA-1) and archival (PDF/A-3a): veraPDF
 * validates them, PDFBox reads their parts.
 */
class PdfStandardsTest {

    private static final byte[] FORM = PrintedForms.print(RecordingForm.of(
            PrintedForms.record("Observation: online account reset", true), PrintedForms.agreedByIvy()));

    @Test
    void veraPdfFindsTheFormCompliantWithPdfA3aAndPdfUa1() throws Exception {
        compliant(FORM);
    }

    @Test
    void veraPdfFindsEachSignedRecordCompliantWithPdfA3aAndPdfUa1() throws Exception {
        for (var record : List.of(PrintedRecords.plan(2, true, false), PrintedRecords.observation("Sam greeted the customer",
                true), PrintedRecords.report(true), PrintedRecords.feedback("Ask open questions first", true))) {
            byte[] pdf = PrintedRecords.print(record);
            compliant(pdf);
            try (PDDocument document = Loader.loadPDF(pdf)) {
                assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("en-GB");
                assertThat(document.getDocumentInformation().getTitle()).as(record.kind().title())
                        .isEqualTo(record.kind().title() + ", version " + record.version() + ": Unit 224 \u2013 Sam Student");
            }
        }
    }

    private static void compliant(byte[] pdf) throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        for (PDFAFlavour flavour : List.of(PDFAFlavour.PDFA_3_A, PDFAFlavour.PDFUA_1)) {
            try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), flavour)) {
                PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false);
                ValidationResult result = validator.validate(parser);
                List<String> failed = result.getTestAssertions().stream()
                        .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                        .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage())
                        .distinct().toList();
                assertThat(failed).as(flavour.getId()).isEmpty();
                assertThat(result.isCompliant()).as(flavour.getId()).isTrue();
            }
        }
    }

    /** The validator is awake: the same form rendered without the tool's configuration fails both. */
    @Test
    void veraPdfRefusesTheFormRenderedWithoutTheToolsConfiguration() throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream();
        new com.openhtmltopdf.pdfboxout.PdfRendererBuilder()
                .withHtmlContent("<html lang=\"en-GB\"><head><title>t</title></head><body><p>Unit 224</p></body></html>", null)
                .toStream(plain).run();
        for (PDFAFlavour flavour : List.of(PDFAFlavour.PDFA_3_A, PDFAFlavour.PDFUA_1)) {
            try (PDFAParser parser = Foundries.defaultInstance().createParser(
                    new ByteArrayInputStream(plain.toByteArray()), flavour)) {
                assertThat(Foundries.defaultInstance().createValidator(flavour, false).validate(parser).isCompliant())
                        .as(flavour.getId()).isFalse();
            }
        }
    }

    @Test
    void theFormIsTaggedTitledInBritishEnglishWithItsFontsEmbedded() throws Exception {
        try (PDDocument document = Loader.loadPDF(FORM)) {
            assertThat(document.getDocumentCatalog().getStructureTreeRoot()).as("tagged").isNotNull();
            assertThat(document.getDocumentCatalog().getMarkInfo().isMarked()).isTrue();
            assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("en-GB");
            assertThat(document.getDocumentInformation().getTitle())
                    .isEqualTo("Unit recording form: Unit 224 Support customers using online customer services \u2013 Sam Student");
            assertThat(document.getDocumentCatalog().getViewerPreferences().displayDocTitle()).isTrue();
            String xmp = new String(document.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
            assertThat(xmp).contains("pdfaid:part", "pdfuaid:part", "Unit recording form: Unit 224");
            for (PDPage page : document.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                    assertThat(font.getName()).contains("DejaVuSans");
                }
            }
        }
    }
}
