package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A learner unit's export holds its witness records as PDF: the witness status list and both forms of each record of
 * expert witness under witnesses/, listed in the index with a line saying what each is, in SHA256SUMS and the manifest
 * with the SHA-256 their bytes have; as far as the exporting user may read them on the witness pages.
 */
class WitnessExportTest extends WitnessRecordsSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theAssessorsExportHoldsTheStatusListAndTheExpertsTwoFormsWithMatchingHashes() throws Exception {
        Witnessed w = witnessedUnit();

        Map<String, byte[]> files = export(w.alex().base() + "/portfolio/" + w.unit() + "/export.zip");

        assertThat(files.keySet()).contains("witnesses/witness-status-list.pdf", "witnesses/expert-witness-1-record.pdf",
                "witnesses/expert-witness-1-statement.pdf");
        assertThat(text(files.get("witnesses/witness-status-list.pdf"))).contains("Witness status list", "Pat Supervisor",
                "Chris Colleague", "Alex Assessor");
        assertThat(text(files.get("witnesses/expert-witness-1-record.pdf"))).contains("Record of expert witness",
                "Erin Expert", "Leeds contact centre");
        assertThat(text(files.get("witnesses/expert-witness-1-statement.pdf"))).contains("Expert witness statement",
                "Sam handled the escalation competently.");

        Map<String, String> sums = new LinkedHashMap<>();
        for (String line : new String(files.get("SHA256SUMS"), StandardCharsets.UTF_8).split("\n")) {
            sums.put(line.substring(66), line.substring(0, 64));
        }
        Map<String, Object> manifest = JSON.readValue(files.get("manifest.json"), new TypeReference<Map<String, Object>>() {
        });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) manifest.get("files");
        for (String path : List.of("witnesses/witness-status-list.pdf", "witnesses/expert-witness-1-record.pdf",
                "witnesses/expert-witness-1-statement.pdf")) {
            String sha = sha256(files.get(path));
            assertThat(sums.get(path)).as(path + " in SHA256SUMS").isEqualTo(sha);
            assertThat(listed).as(path + " in the manifest")
                    .anySatisfy(f -> assertThat(f).containsEntry("path", path).containsEntry("sha256", sha));
        }
        assertThat(text(files.get("index.pdf"))).contains("Witness status list (2 witnesses, signed by the assessor, version 1)",
                "Record of expert witness: Erin Expert, Leeds contact centre, version 1",
                "Expert witness statement: Erin Expert, Leeds contact centre, version 1");
    }

    @Test
    void theCandidatesExportHoldsTheExpertsFormsButNotTheAssessorsStatusList() throws Exception {
        Witnessed w = witnessedUnit();

        Map<String, byte[]> files = export(w.sam().base() + "/portfolio/" + w.unit() + "/export.zip");

        assertThat(files.keySet()).contains("witnesses/expert-witness-1-record.pdf", "witnesses/expert-witness-1-statement.pdf")
                .doesNotContain("witnesses/witness-status-list.pdf");
    }

    private Map<String, byte[]> export(String path) throws Exception {
        HttpResponse<InputStream> response = CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(response.body(), StandardCharsets.UTF_8)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                files.put(e.getName(), zip.readAllBytes());
            }
        }
        return files;
    }

    private static String sha256(byte[] bytes) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
