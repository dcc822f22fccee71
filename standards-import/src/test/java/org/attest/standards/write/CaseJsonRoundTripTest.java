package org.attest.standards.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attest.standards.Framework;
import org.attest.standards.ImportResult;
import org.attest.standards.Samples;
import org.attest.standards.StandardsImportException;
import org.attest.standards.read.SourceDocument;
import org.attest.standards.read.StandardsImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Text -> CASE 1.0 JSON -> model gives the original back, and the JSON is a well-formed CFPackage. */
class CaseJsonRoundTripTest {

    static final Instant WHEN = Instant.parse("2026-11-24T09:00:00Z");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    static Framework imported(Samples sample) throws StandardsImportException {
        return StandardsImporter.read(new SourceDocument(sample.fileName(), sample.bytes())).framework();
    }

    static Framework readBack(String json) throws StandardsImportException {
        return StandardsImporter.read(new SourceDocument("package.json", json.getBytes(StandardCharsets.UTF_8))).framework();
    }

    @ParameterizedTest
    @EnumSource(Samples.class)
    void caseJsonReadsBackToTheSameModel(Samples sample) throws Exception {
        Framework original = imported(sample);

        Framework roundTripped = readBack(CaseJsonWriter.write(original, WHEN));

        assertThat(roundTripped).isEqualTo(original);
    }

    @Test
    void writingTwiceGivesIdenticalJson() throws Exception {
        Framework framework = imported(Samples.RECORDING_FORMS);

        assertThat(CaseJsonWriter.write(framework, WHEN)).isEqualTo(CaseJsonWriter.write(imported(Samples.RECORDING_FORMS), WHEN));
    }

    @ParameterizedTest
    @EnumSource(Samples.class)
    void packageHasRequiredFieldsUuidsAndIntactAssociations(Samples sample) throws Exception {
        JsonNode pkg = JSON.readTree(CaseJsonWriter.write(imported(sample), WHEN));

        JsonNode doc = pkg.path("CFDocument");
        for (String field : List.of("identifier", "uri", "creator", "title", "lastChangeDateTime")) {
            assertThat(doc.path(field).asString("")).as("CFDocument." + field).isNotBlank();
        }
        assertThat(doc.path("identifier").asString()).matches(UUID_PATTERN);
        assertThat(doc.path("lastChangeDateTime").asString()).isEqualTo("2026-11-24T09:00:00Z");
        Set<String> ids = new HashSet<>();
        Set<String> typesUsed = new HashSet<>();
        for (JsonNode item : pkg.path("CFItems")) {
            for (String field : List.of("identifier", "uri", "fullStatement", "lastChangeDateTime", "humanCodingScheme", "CFItemType")) {
                assertThat(item.path(field).asString("")).as("CFItem." + field + " of " + item).isNotBlank();
            }
            assertThat(item.path("identifier").asString()).matches(UUID_PATTERN);
            assertThat(item.path("CFDocumentURI").path("identifier").asString()).isEqualTo(doc.path("identifier").asString());
            assertThat(ids.add(item.path("identifier").asString())).as("unique identifier").isTrue();
            typesUsed.add(item.path("CFItemTypeURI").path("identifier").asString());
        }
        Map<String, String> parentOf = new HashMap<>();
        Map<String, List<Integer>> sequences = new HashMap<>();
        for (JsonNode a : pkg.path("CFAssociations")) {
            assertThat(a.path("associationType").asString()).isEqualTo("isChildOf");
            assertThat(a.path("identifier").asString()).matches(UUID_PATTERN);
            String child = a.path("originNodeURI").path("identifier").asString();
            String parent = a.path("destinationNodeURI").path("identifier").asString();
            assertThat(ids).as("origin is an item").contains(child);
            assertThat(ids.contains(parent) || parent.equals(doc.path("identifier").asString())).as("destination exists").isTrue();
            assertThat(parentOf.put(child, parent)).as("one parent per item").isNull();
            sequences.computeIfAbsent(parent, p -> new ArrayList<>()).add(a.path("sequenceNumber").asInt());
        }
        assertThat(parentOf.keySet()).as("every item is in the tree").isEqualTo(ids);
        sequences.values().forEach(seq -> assertThat(seq).as("sequence numbers 1..n").isEqualTo(
                java.util.stream.IntStream.rangeClosed(1, seq.size()).boxed().toList()));
        Set<String> typesDefined = new HashSet<>();
        pkg.path("CFDefinitions").path("CFItemTypes").forEach(t -> typesDefined.add(t.path("identifier").asString()));
        assertThat(typesDefined).isEqualTo(typesUsed);
    }

    @Test
    void unit224CarriesItsCodesTypesAndNvqFacts() throws Exception {
        JsonNode pkg = JSON.readTree(CaseJsonWriter.write(imported(Samples.UNIT_224), WHEN));

        JsonNode first = pkg.path("CFItems").get(0);
        assertThat(first.path("CFItemType").asString()).isEqualTo("Unit");
        assertThat(first.path("humanCodingScheme").asString()).isEqualTo("224");
        assertThat(first.path("extensions").path("attest").path("evidenceRequirements").path("simulation").asString())
                .isEqualTo("NOT_ALLOWED_FOR_PERFORMANCE");
        List<String> types = new ArrayList<>();
        pkg.path("CFItems").forEach(i -> types.add(i.path("humanCodingScheme").asString() + " " + i.path("CFItemType").asString()));
        assertThat(types).contains("224.1 Element", "224.1.1 Performance Criterion", "224.3.7 Knowledge Criterion",
                "1 Range Statement", "2b Range Item");
    }

    @Test
    void readsAPackageFromAnotherProviderWithoutAttestExtensions() throws Exception {
        ObjectNode pkg = (ObjectNode) JSON.readTree(CaseJsonWriter.write(imported(Samples.UNIT_224), WHEN));
        pkg.path("CFItems").forEach(i -> ((ObjectNode) i).remove("extensions"));
        ((ObjectNode) pkg.path("CFDocument")).remove("extensions");

        Framework foreign = readBack(JSON.writeValueAsString(pkg));

        Framework original = imported(Samples.UNIT_224);
        assertThat(foreign.units().get(0).elements()).isEqualTo(original.units().get(0).elements());
        assertThat(foreign.units().get(0).range()).hasSize(2);
        assertThat(foreign.units().get(0).level()).isNull();
    }

    @Test
    void malformedPackagesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> readBack("{\"CFDocument\": {\"identifier\": \"x\""))
                .isInstanceOf(StandardsImportException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> readBack("{\"CFItems\": []}"))
                .isInstanceOf(StandardsImportException.class).hasMessageContaining("no CFDocument");
        assertThatThrownBy(() -> readBack("{\"CFDocument\": {\"identifier\": \"not-a-uuid\", \"title\": \"t\", \"creator\": \"c\","
                + " \"lastChangeDateTime\": \"2026-01-01T00:00:00Z\", \"uri\": \"u\"}, \"CFItems\": []}"))
                .isInstanceOf(StandardsImportException.class).hasMessageContaining("is not a UUID");
    }

    @Test
    void associationToAMissingItemIsRefused() throws Exception {
        ObjectNode pkg = (ObjectNode) JSON.readTree(CaseJsonWriter.write(imported(Samples.UNIT_224), WHEN));
        ((tools.jackson.databind.node.ArrayNode) pkg.path("CFItems")).remove(3);

        assertThatThrownBy(() -> readBack(JSON.writeValueAsString(pkg)))
                .isInstanceOf(StandardsImportException.class).hasMessageContaining("not among the CFItems");
    }

    @Test
    void importingTheSameUnitTwiceKeepsTheFirstAndWarns() throws Exception {
        ImportResult result = StandardsImporter.read(
                new SourceDocument("a.md", Samples.UNIT_224.bytes()),
                new SourceDocument("b.txt", Samples.UNIT_224_FROM_PDF.bytes()));

        assertThat(result.framework().units()).hasSize(1);
        assertThat(result.framework().units().get(0).title()).isNotNull();
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w.code()).isEqualTo("DUPLICATE_UNIT"));
    }
}
