package org.attest.standards.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.attest.standards.AssessmentMethod;
import org.attest.standards.Framework;
import org.attest.standards.ImportResult;
import org.attest.standards.ImportWarning;
import org.attest.standards.RecordingForm;
import org.attest.standards.Samples;
import org.attest.standards.Unit;
import org.attest.standards.WitnessStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The qualification's recording-forms appendix (004): 19 unit grids and the general forms. */
class RecordingFormsLayoutTest {

    static ImportResult result;
    static Framework framework;

    @BeforeAll
    static void importAppendix() throws Exception {
        result = StandardsImporter.read(new SourceDocument("004.txt", Samples.RECORDING_FORMS.bytes()));
        framework = result.framework();
    }

    @Test
    void readsNineteenUnitsWithTheirTitles() {
        Map<String, String> titles = new LinkedHashMap<>();
        framework.units().forEach(u -> titles.put(u.code(), u.title()));

        assertThat(titles).containsExactly(
                Map.entry("101", "Prepare yourself to deliver good customer service"),
                Map.entry("105", "Provide customer service within the rules"),
                Map.entry("201", "Give customers a positive impression of yourself and your organisation"),
                Map.entry("202", "Promote additional services or products to customers"),
                Map.entry("203", "Process customer service information"),
                Map.entry("204", "Live up to the customer service promise"),
                Map.entry("205", "Make customer service personal"),
                Map.entry("206", "Go the extra mile in customer service"),
                Map.entry("207", "Deal with customer in writing or using ICT"),
                Map.entry("208", "Deal with customers face-to-face"),
                Map.entry("209", "Deal with customer by telephone"),
                Map.entry("210", "Deliver reliable customer service"),
                Map.entry("211", "Deliver customer service on your customer premises"),
                Map.entry("212", "Recognise diversity when delivering customer service"),
                Map.entry("106", "Recognise and deal with customer queries, requests and problems"),
                Map.entry("213", "Resolve customer service problems"),
                Map.entry("214", "Develop customer relationships"),
                Map.entry("215", "Support customer service improvements"),
                Map.entry("216", "Develop personal performance through delivering customer service"));
    }

    @Test
    void reads254CriteriaAcrossPageBreaks() {
        assertThat(framework.criteria().count()).isEqualTo(254);
        Unit unit101 = framework.unit("101").orElseThrow();
        assertThat(unit101.criteria().count()).isEqualTo(13); // 11 on the first page, 2 after the repeated header
        assertThat(unit101.criterion("101.2.7").orElseThrow().statement())
                .isEqualTo("describe how you would know when a new or additional service or product is available");
        assertThat(framework.unit("209").orElseThrow().criteria().count()).isEqualTo(22); // three pages
        assertThat(framework.unit("211").orElseThrow().criterion("211.2.10")).isPresent();
    }

    @Test
    void keepsCriterion20335WhereItIsPrintedAndWarns() {
        Unit unit202 = framework.unit("202").orElseThrow();

        assertThat(unit202.criterion("203.3.5")).isPresent();
        assertThat(unit202.element("202.3").orElseThrow().criteria()).extracting(c -> c.code())
                .containsExactly("202.3.1", "202.3.2", "202.3.3", "202.3.4", "203.3.5");
        assertThat(framework.unit("203").orElseThrow().criterion("203.3.5")).isEmpty();
        assertThat(result.warnings()).filteredOn(w -> w.code().equals("CODE_OUTSIDE_UNIT")).singleElement()
                .satisfies(w -> {
                    assertThat(w.message()).isEqualTo("criterion 203.3.5 is printed inside Unit 202: kept under Unit 202 "
                            + "with its printed code; check the awarding body's document");
                    assertThat(w.file()).isEqualTo("004.txt");
                    assertThat(w.line()).isPositive();
                });
    }

    @Test
    void warnsAboutTheTwoCriteriaInUnit210WithIdenticalText() {
        assertThat(result.warnings()).filteredOn(w -> w.code().equals("DUPLICATE_STATEMENT"))
                .extracting(ImportWarning::message)
                .anySatisfy(m -> assertThat(m).startsWith("criteria 210.2.5 and 210.2.6 in Unit 210 have the same text"));
        assertThat(framework.unit("210").orElseThrow().criteria().count()).isEqualTo(12);
    }

    @Test
    void readsAppendixTwoForms() {
        assertThat(framework.recordingForms()).extracting(RecordingForm::title).containsExactly(
                "Assessment report", "Assessment action plan", "Observation records",
                "Action plan and feedback to candidate", "Witness status list", "Record of expert witness",
                "Expert witness statement");
        RecordingForm report = framework.recordingForms().get(0);
        assertThat(report.qualification()).isEqualTo("Level 2 N/SVQ in Customer Service");
        assertThat(report.fields()).startsWith("Candidates name", "Assessors name", "Unit", "Skills/Knowledge")
                .contains("Is the portfolio evidence valid, sufficient, current and authentic?");
        RecordingForm observation = framework.recordingForms().get(2);
        assertThat(observation.fields()).contains("Tick as many as appropriate", "Photographs");
        RecordingForm witnesses = framework.recordingForms().get(4);
        assertThat(witnesses.fields()).contains("Name and contact address of witness", "Witness status",
                "Professional relationship", "Units witnessed");
        assertThat(witnesses.notes()).anySatisfy(n -> assertThat(n).startsWith("Include all witnesses"));
        assertThat(framework.title()).isEqualTo("Level 2 N/SVQ in Customer Service");
    }

    @Test
    void readsTheFiveWitnessStatusCategories() {
        assertThat(framework.witnessStatuses()).containsExactly(
                new WitnessStatus(1, "Occupational expert and A1, A2 / V1, V2 Assessor"),
                new WitnessStatus(2, "A1, A2 / V1, V2 Assessor without occupational experience"),
                new WitnessStatus(3, "Occupational expert familiar with standards"),
                new WitnessStatus(4, "Occupational expert not familiar with standards"),
                new WitnessStatus(5, "Non expert not familiar with the standards"));
    }

    @Test
    void readsTheActionPlansAssessmentMethods() {
        assertThat(framework.assessmentMethods()).containsExactly(
                AssessmentMethod.OBSERVATION, AssessmentMethod.PROJECTS_AND_ASSIGNMENTS, AssessmentMethod.QUESTIONING,
                AssessmentMethod.PROFESSIONAL_DISCUSSION, AssessmentMethod.WITNESS_TESTIMONY,
                AssessmentMethod.PORTFOLIO_EVIDENCE, AssessmentMethod.CASE_STUDY, AssessmentMethod.SUPPLEMENTARY_EVIDENCE,
                AssessmentMethod.WRITTEN_QUESTIONS, AssessmentMethod.ACCREDITED_PRIOR_ACHIEVEMENT,
                AssessmentMethod.PRODUCT_EVIDENCE);
    }
}
