package org.attest.tool.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.attest.tool.documents.PrintedWitnessForms.Signed;
import org.junit.jupiter.api.Test;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** Each witness form is accessible (PDF/UA-1) and archival (PDF/A-3a), signed or not: veraPDF validates every one. */
class WitnessPdfStandardsTest {

    static Map<String, byte[]> forms() {
        var signed = PrintedWitnessForms.expert("Erin Expert", "Sam was fully competent.", true);
        var unsigned = PrintedWitnessForms.expert("Erin Expert", "Sam was fully competent.", false);
        Map<String, byte[]> forms = new LinkedHashMap<>();
        forms.put("signed status list", PrintedWitnessForms.statusList(PrintedWitnessForms.list("Pat Supervisor", Signed.SIGNED)));
        forms.put("status list to sign again",
                PrintedWitnessForms.statusList(PrintedWitnessForms.list("Pat Supervisor", Signed.CHANGED_SINCE)));
        forms.put("signed record", PrintedWitnessForms.record(signed));
        forms.put("unsigned record", PrintedWitnessForms.record(unsigned));
        forms.put("signed statement", PrintedWitnessForms.statement(signed));
        forms.put("unsigned statement", PrintedWitnessForms.statement(unsigned));
        return forms;
    }

    @Test
    void veraPdfFindsEveryWitnessFormCompliantWithPdfA3aAndPdfUa1() throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        for (Map.Entry<String, byte[]> form : forms().entrySet()) {
            for (PDFAFlavour flavour : List.of(PDFAFlavour.PDFA_3_A, PDFAFlavour.PDFUA_1)) {
                try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(form.getValue()),
                        flavour)) {
                    PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false);
                    ValidationResult result = validator.validate(parser);
                    List<String> failed = result.getTestAssertions().stream()
                            .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                            .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage())
                            .distinct().toList();
                    assertThat(failed).as(form.getKey() + " " + flavour.getId()).isEmpty();
                    assertThat(result.isCompliant()).as(form.getKey() + " " + flavour.getId()).isTrue();
                }
            }
        }
    }

    @Test
    void everyWitnessFormIsTaggedTitledAndInBritishEnglish() throws Exception {
        for (Map.Entry<String, byte[]> form : forms().entrySet()) {
            try (PDDocument document = Loader.loadPDF(form.getValue())) {
                assertThat(document.getDocumentCatalog().getStructureTreeRoot()).as(form.getKey() + " tagged").isNotNull();
                assertThat(document.getDocumentCatalog().getLanguage()).as(form.getKey()).isEqualTo("en-GB");
                assertThat(document.getDocumentInformation().getTitle()).as(form.getKey())
                        .containsAnyOf("Witness status list: Unit 224 \u2013 Sam Student",
                                "Record of expert witness: Unit 224 \u2013 Sam Student \u2013 Erin Expert",
                                "Expert witness statement: Unit 224 \u2013 Sam Student \u2013 Erin Expert");
            }
        }
    }
}
