package org.attest.standards.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.attest.standards.Framework;
import org.attest.standards.Samples;
import org.attest.standards.read.SourceDocument;
import org.attest.standards.read.StandardsImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CSV outputs have the shapes Moodle's and Canvas's importers expect. */
class CsvWritersTest {

    static Framework unit224;
    static Framework forms;

    @BeforeAll
    static void importSamples() throws Exception {
        unit224 = StandardsImporter.read(new SourceDocument("224.md", Samples.UNIT_224.bytes())).framework();
        forms = StandardsImporter.read(new SourceDocument("004.txt", Samples.RECORDING_FORMS.bytes())).framework();
    }

    /** A small RFC 4180 reader, so the tests read the files as an importer would. */
    static List<List<String>> parse(String csv, char separator) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                // part of CRLF
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        return rows;
    }

    @Test
    void moodleCompetencyCsvHasTheImportersColumnsAndAFrameworkRow() {
        List<List<String>> rows = parse(MoodleCompetencyCsvWriter.write(unit224), ',');

        assertThat(rows.get(0)).containsExactly("Parent ID number", "ID number", "Short name", "Description",
                "Description format", "Scale values", "Scale configuration", "Rule type (optional)",
                "Rule outcome (optional)", "Rule config (optional)", "Cross-referenced competency ID numbers",
                "Exported ID (optional)", "Is framework", "Taxonomy");
        List<String> framework = rows.get(1);
        assertThat(framework.get(0)).isEmpty();
        assertThat(framework.get(1)).isEqualTo(unit224.id().toString());
        assertThat(framework.get(5)).isEqualTo("Not yet competent,Competent");
        assertThat(framework.get(6)).contains("\"proficient\":1");
        assertThat(framework.get(12)).isEqualTo("1");
        assertThat(framework.get(13)).isEqualTo("domain,outcome,competency");
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(14));
        // unit + 3 elements + 18 criteria + cover node + 4 range items
        assertThat(rows).hasSize(2 + 1 + 3 + 18 + 1 + 4);
        assertThat(rows).anySatisfy(r -> assertThat(r.get(2)).startsWith("224.1.1 ensure that you are up to date"));
    }

    @Test
    void moodleCompetencyRowsNameParentsThatComeBeforeThem() {
        List<List<String>> rows = parse(MoodleCompetencyCsvWriter.write(forms), ',');
        Set<String> seen = new HashSet<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            if (!row.get(0).isEmpty()) {
                assertThat(seen).as("parent of " + row.get(2)).contains(row.get(0));
            }
            assertThat(seen.add(row.get(1))).as("unique ID number " + row.get(1)).isTrue();
            assertThat(row.get(2).length()).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void moodleOutcomesCsvIsSemicolonSeparatedOneRowPerCriterion() {
        List<List<String>> rows = parse(MoodleOutcomesCsvWriter.write(forms), ';');

        assertThat(rows.get(0)).containsExactly("outcome_name", "outcome_shortname", "outcome_description", "scale_name",
                "scale_items", "scale_description");
        assertThat(rows).hasSize(1 + 254);
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(6));
        assertThat(rows.get(1).get(1)).isEqualTo("101.1.1");
        assertThat(rows.get(1).get(4)).isEqualTo("Not yet competent,Competent");
        assertThat(rows.stream().skip(1).map(r -> r.get(1)).distinct().count()).isEqualTo(254);
    }

    @Test
    void canvasCsvPutsGroupsBeforeOutcomesAndRatingsLast() {
        List<List<String>> rows = parse(CanvasOutcomesCsvWriter.write(unit224), ',');

        assertThat(rows.get(0).subList(0, 9)).containsExactly("vendor_guid", "object_type", "title", "description",
                "display_name", "calculation_method", "calculation_int", "parent_guids", "ratings");
        Set<String> groups = new HashSet<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            for (String parent : row.get(7).isEmpty() ? List.<String>of() : List.of(row.get(7).split(" "))) {
                assertThat(groups).as("group " + parent + " comes first").contains(parent);
            }
            if (row.get(1).equals("group")) {
                groups.add(row.get(0));
            } else {
                assertThat(row.get(1)).isEqualTo("outcome");
                assertThat(row.subList(8, 12)).containsExactly("1", "Competent", "0", "Not yet competent");
                assertThat(row.get(5)).isEqualTo("highest");
            }
        }
        assertThat(rows.stream().filter(r -> r.get(1).equals("outcome")).count()).isEqualTo(18 + 4);
        assertThat(rows).anySatisfy(r -> assertThat(r.get(4)).isEqualTo("224.3.7"));
    }
}
