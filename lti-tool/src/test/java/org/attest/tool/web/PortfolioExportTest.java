package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The verifiable export of a learner's unit over HTTP: Alex, the assessor, downloads Sam's unit as a ZIP that arrives
 * in chunks (no Content-Length, a file larger than any buffer inside); unpacked, every file matches its SHA-256 in
 * SHA256SUMS and manifest.json and the hash taken on upload, the recording form and the index are there, every name is
 * safe to unpack (hostile evidence titles and file names included), and every audit entry re-hashes to the hash the
 * trail stores, as AuditTrail documents, and links to the one before where they follow each other. Who may export is
 * in PortfolioAuthorizationTest's matrix and EqaAccessTest.
 */
class PortfolioExportTest extends PortfolioTestSupport {

    static final Person SAM = new Person("export-sam", "Sam Student", LEARNER);
    static final Person ALEX = new Person("export-alex", "Alex Assessor", INSTRUCTOR);
    static final Person LEE = new Person("export-lee", "Lee Learner", LEARNER);
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int LARGE = 3 * 1024 * 1024;

    @Test
    void theUnitsExportHoldsEveryFileWithItsHashTheRecordingFormAndAnAuditTrailThatReverifies() throws Exception {
        String course = "export-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID unit = idAfter(sam.landing(), "portfolio");
        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        List<UUID> assessed = everythingAssessed(sam, alex, unit);
        UUID hostile = idAfter(location(multipart(sam.base() + "/portfolio/" + unit + "/evidence",
                evidenceFields("../../etc/passwd", LocalDate.now().minusDays(1).toString(), "Customer 9", "OBSERVATION"),
                List.of(new FilePart("files", "con.txt", "text/plain", large()),
                        new FilePart("files", "CON.TXT", "text/plain", "same name".getBytes(StandardCharsets.UTF_8))))),
                "evidence");
        // names as an older version may have stored them, not made safe on upload
        UUID first = fileOf(assessed.get(0));
        jdbc.sql("UPDATE evidence_file SET file_name = ? WHERE id = ?").params("../../etc/passwd", first).update();
        UUID second = fileOf(assessed.get(1));
        jdbc.sql("UPDATE evidence_file SET file_name = ? WHERE id = ?").params("/abs\u0007" + "n".repeat(190) + ".txt", second).update();

        assertThat(get(sam.base() + "/portfolio/" + unit).body()).contains("/portfolio/" + unit + "/export.zip");
        HttpResponse<InputStream> response = CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl() + alex.base()
                + "/portfolio/" + unit + "/export.zip")).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"Unit-224-Sam-Student.zip\"");
        assertThat(response.headers().firstValue("Content-Length")).as("streamed, not sized up front").isEmpty();
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        Map<String, byte[]> files = unzip(response.body());

        // every name safe to unpack, and unique
        assertThat(files.keySet()).allSatisfy(path -> {
            assertThat(path).doesNotStartWith("/").doesNotContain("\\").doesNotMatch("(?s).*\\p{Cc}.*");
            assertThat(path.split("/")).allSatisfy(segment -> assertThat(segment).isNotIn("", ".", "..").hasSizeLessThanOrEqualTo(100)
                    .doesNotMatch("(?i)(con|prn|aux|nul|com\\d|lpt\\d)(\\..*)?"));
        });
        assertThat(files.keySet()).contains("index.pdf", "recording-form.pdf", "audit.jsonl", "VERIFY.txt", "verify-audit.py", "manifest.json",
                "SHA256SUMS", "evidence/1-Observation_ online account reset/_.._etc_passwd");
        assertThat(files.keySet()).filteredOn(p -> p.startsWith("evidence/3-.._.._etc_passwd/")).hasSize(2)
                .anyMatch(p -> p.endsWith("/_con.txt") || p.endsWith("/_CON.TXT"))
                .anyMatch(p -> p.endsWith("/_con (2).txt") || p.endsWith("/_CON (2).TXT"));
        assertThat(files.keySet()).filteredOn(p -> p.startsWith("evidence/2-")).singleElement()
                .satisfies(p -> assertThat(p).endsWith(".txt").contains("abs_nnnn"));
        assertThat(files.values()).as("the large file, whole").anyMatch(bytes -> java.util.Arrays.equals(bytes, large()));

        // SHA256SUMS and manifest.json list every other file with its size and hash, which the bytes match
        Map<String, String> sums = new TreeMap<>();
        for (String line : new String(files.get("SHA256SUMS"), StandardCharsets.UTF_8).split("\n")) {
            sums.put(line.substring(66), line.substring(0, 64));
        }
        assertThat(sums.keySet()).containsExactlyInAnyOrderElementsOf(files.keySet().stream()
                .filter(p -> !p.equals("SHA256SUMS") && !p.equals("manifest.json")).toList());
        sums.forEach((path, sha) -> assertThat(sha256(files.get(path))).as(path).isEqualTo(sha));
        Map<String, Object> manifest = JSON.readValue(files.get("manifest.json"), new TypeReference<Map<String, Object>>() {
        });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) manifest.get("files");
        assertThat(listed).hasSize(sums.size()).allSatisfy(f -> {
            assertThat(f.get("sha256")).isEqualTo(sums.get((String) f.get("path")));
            assertThat(((Number) f.get("size")).longValue()).isEqualTo(files.get((String) f.get("path")).length);
        });
        // and the evidence is what was uploaded: the hash Attest took then
        List<String> uploaded = jdbc.sql("SELECT f.sha256 FROM evidence_file f JOIN evidence e ON e.id = f.evidence_id "
                + "WHERE e.learner_unit_id = ? AND e.is_current").param(unit).query(String.class).list();
        assertThat(sums.entrySet().stream().filter(e -> e.getKey().startsWith("evidence/")).map(Map.Entry::getValue).toList())
                .containsExactlyInAnyOrderElementsOf(uploaded);

        assertThat(pdfText(files.get("recording-form.pdf"))).contains("Unit 224", "Sam Student", "224.1.1", "E1");
        String index = pdfText(files.get("index.pdf"));
        assertThat(index).contains("Portfolio export: Unit 224", "Sam Student", "sha256sum -c SHA256SUMS");
        assertThat(index.replaceAll("\\s", "")).contains(sums.get("recording-form.pdf"), sums.get("audit.jsonl"));
        assertThat(new String(files.get("VERIFY.txt"), StandardCharsets.UTF_8)).contains("sha256sum -c SHA256SUMS",
                "json.dumps(entry, sort_keys=True, separators=(\",\", \":\"), ensure_ascii=False)", "--attest.audit.verify");

        // the audit entries, as the trail stores them, re-hash and link as AuditTrail documents
        String[] lines = new String(files.get("audit.jsonl"), StandardCharsets.UTF_8).split("\n");
        List<Map<String, Object>> stored = jdbc.sql("SELECT seq, hash FROM audit_event WHERE subject_id = ? ORDER BY seq")
                .param(unit).query().listOfRows();
        assertThat(lines).hasSize(stored.size()).hasSizeGreaterThan(5);
        Map<String, Object> previous = null;
        for (int i = 0; i < lines.length; i++) {
            Map<String, Object> entry = new TreeMap<>(JSON.readValue(lines[i], new TypeReference<Map<String, Object>>() {
            }));
            String hash = (String) entry.remove("hash");
            assertThat(entry.get("subjectId")).isEqualTo(unit.toString());
            assertThat(sha256(canonical(entry).getBytes(StandardCharsets.UTF_8))).as("entry %s", entry.get("seq")).isEqualTo(hash);
            assertThat(((Number) entry.get("seq")).longValue()).isEqualTo(((Number) stored.get(i).get("seq")).longValue());
            assertThat(hash).isEqualTo(stored.get(i).get("hash"));
            if (previous != null && ((Number) entry.get("seq")).longValue() == ((Number) previous.get("seq")).longValue() + 1) {
                assertThat(entry.get("prevHash")).isEqualTo(previous.get("hash"));
            }
            entry.put("hash", hash);
            previous = entry;
        }
        scriptVerifies(files);
        assertThat(index.replaceAll("\\s", "")).contains((String) previous.get("hash"));

        HttpResponse<String> refused = get(launch(platform, LEE, course, "activity-" + course).base() + "/portfolio/" + unit
                + "/export.zip");
        assertThat(refused.statusCode()).as("another learner of the course").isEqualTo(404);
        assertThat(hostile).isNotNull();
    }

    @Test
    void theLearnersAndTheCoursesExportsHoldAFolderPerLearnerUnitEachWithItsFilesAndTrail() throws Exception {
        String course = "export-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID samsUnit = idAfter(sam.landing(), "portfolio");
        Launched lee = launch(platform, LEE, course, "activity-" + course);
        UUID leesUnit = idAfter(lee.landing(), "portfolio");
        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        addEvidence(sam, samsUnit, "Observation: online account reset", LocalDate.now().minusDays(2), "Customer 1");
        addEvidence(lee, leesUnit, "Observation: delivery problem", LocalDate.now().minusDays(2), "Customer 2");

        assertThat(get(alex.base() + "/caseload").body()).contains("/caseload/export.zip");
        Map<String, byte[]> everyone = download(alex.base() + "/caseload/export.zip");
        checkSums(everyone);
        for (String folder : List.of("Unit-224-Sam-Student/", "Unit-224-Lee-Learner/")) {
            assertThat(everyone.keySet()).contains(folder + "index.pdf", folder + "recording-form.pdf", folder + "audit.jsonl");
            assertThat(everyone.keySet()).filteredOn(p -> p.startsWith(folder + "evidence/1-Observation_")).hasSize(1);
        }
        assertThat(new String(everyone.get("Unit-224-Lee-Learner/audit.jsonl"), StandardCharsets.UTF_8))
                .contains(leesUnit.toString()).doesNotContain(samsUnit.toString());

        Map<String, byte[]> sams = download(sam.base() + "/portfolio/" + samsUnit + "/learner-export.zip");
        checkSums(sams);
        assertThat(sams.keySet()).contains("Unit-224-Sam-Student/recording-form.pdf")
                .noneMatch(p -> p.startsWith("Unit-224-Lee-Learner/"));
        assertThat(get(sam.base() + "/caseload/export.zip").statusCode()).as("a learner exports no course").isEqualTo(403);
    }

    @Test
    void anExportThatCannotReadAnEvidenceFileBreaksOffInsteadOfLookingWhole() throws Exception {
        String course = "export-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID unit = idAfter(sam.landing(), "portfolio");
        UUID evidence = addEvidence(sam, unit, "Observation: online account reset", LocalDate.now().minusDays(2), "Customer 1");
        String gone = UUID.randomUUID().toString(); // a well-formed key with nothing stored under it
        jdbc.sql("UPDATE evidence_file SET storage_key = ? WHERE evidence_id = ?").params(gone.substring(0, 2) + "/"
                + gone.substring(2, 4) + "/" + gone, evidence).update();

        HttpResponse<InputStream> response = CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl() + sam.base()
                + "/portfolio/" + unit + "/export.zip")).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        Map<String, byte[]> files = new LinkedHashMap<>();
        boolean broken = response.statusCode() != 200;
        if (!broken) {
            try (ZipInputStream zip = new ZipInputStream(response.body(), StandardCharsets.UTF_8)) {
                for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    files.put(e.getName(), zip.readAllBytes());
                }
            } catch (IOException e) {
                broken = true;
            }
        }
        assertThat(broken).as("the download fails, got %s", files.keySet()).isTrue();
        assertThat(files).doesNotContainKey("SHA256SUMS");
    }

    private Map<String, byte[]> download(String path) throws Exception {
        HttpResponse<InputStream> response = CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
        return unzip(response.body());
    }

    private static void checkSums(Map<String, byte[]> files) {
        String[] lines = new String(files.get("SHA256SUMS"), StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(files.size() - 2);
        for (String line : lines) {
            assertThat(sha256(files.get(line.substring(66)))).as(line).isEqualTo(line.substring(0, 64));
        }
    }

    private UUID fileOf(UUID evidence) {
        return jdbc.sql("SELECT id FROM evidence_file WHERE evidence_id = ?").param(evidence).query(UUID.class).single();
    }

    private static byte[] large() {
        byte[] line = "a line of the learner's notes, repeated to make a file larger than any buffer\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(LARGE + line.length);
        while (out.size() < LARGE) {
            out.writeBytes(line);
        }
        return out.toByteArray();
    }

    static Map<String, byte[]> unzip(InputStream body) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(body, StandardCharsets.UTF_8)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                assertThat(files.put(e.getName(), zip.readAllBytes())).as("one entry called " + e.getName()).isNull();
            }
        }
        return files;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    /** Canonical JSON as AuditTrail documents it, written here independently: sorted keys, no whitespace, minimal escapes. */
    private static String canonical(Map<String, Object> sorted) {
        List<String> members = new ArrayList<>();
        sorted.forEach((key, value) -> members.add(quote(key) + ":" + (value == null ? "null"
                : value instanceof Number n ? n.toString() : quote(value.toString()))));
        return "{" + String.join(",", members) + "}";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    /** The export's own verify-audit.py, run as a user runs it beside the audit.jsonl it unpacked, says every entry is ok. */
    private static void scriptVerifies(Map<String, byte[]> files) throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("attest-export-");
        java.nio.file.Files.write(dir.resolve("audit.jsonl"), files.get("audit.jsonl"));
        java.nio.file.Files.write(dir.resolve("verify-audit.py"), files.get("verify-audit.py"));
        Process python;
        try {
            python = new ProcessBuilder("python3", "verify-audit.py").directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            return; // no python3 on this machine: the Java re-hash above still checked the same entries
        }
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor()).as(out).isZero();
        assertThat(out.lines().toList()).isNotEmpty().allSatisfy(line -> assertThat(line).endsWith(" ok"));
    }
}
