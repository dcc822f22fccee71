package org.attest.tool.web;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The portfolio export benchmark (docs/benchmarks.md, "Portfolio export"), not a test: run by bench/export.sh only.
 * Fifteen learners of one course upload 20 files each (300 files, {@code attest.bench.export.mb} MB in all, text so the
 * sniffer accepts it, random so it barely compresses) through the real upload route; then their assessor downloads the
 * course's export over HTTP. Prints the ZIP's size, the throughput and this JVM's peak resident memory during the
 * download alone (VmHWM, reset through /proc/self/clear_refs just before), and the heap limit. The app runs in this
 * JVM, so its -Xmx (bench/export.sh: 256m) bounds what a non-streaming export could hold.
 */
@EnabledIfSystemProperty(named = "attest.bench.export.mb", matches = "\\d+")
@DisabledIfSystemProperty(named = "attest.test.database", matches = "postgresql")
class ExportBenchmark extends PortfolioTestSupport {

    static final int LEARNERS = 15;
    static final int FILES_EACH = 20;

    @Test
    void exportOfACourse() throws Exception {
        long totalBytes = Long.getLong("attest.bench.export.mb") * 1024 * 1024;
        int fileBytes = (int) (totalBytes / (LEARNERS * FILES_EACH));
        String course = "bench-" + UUID.randomUUID();
        Random random = new Random(14);
        long uploadStart = System.nanoTime();
        for (int l = 0; l < LEARNERS; l++) {
            Launched learner = launch(platform, new Person("bench-learner-" + l, "Learner " + l, LEARNER), course, "activity-" + course);
            UUID unit = idAfter(learner.landing(), "portfolio");
            for (int f = 0; f < FILES_EACH; f++) {
                byte[] raw = new byte[fileBytes * 3 / 4];
                random.nextBytes(raw);
                byte[] text = Base64.getMimeEncoder().encode(raw);
                String location = location(multipart(learner.base() + "/portfolio/" + unit + "/evidence",
                        evidenceFields("Evidence " + f, LocalDate.now().minusDays(1).toString(), "Customer " + f, "OBSERVATION"),
                        List.of(new FilePart("files", "file-" + f + ".txt", "text/plain", text))));
                if (!location.contains("/evidence/")) {
                    throw new IllegalStateException("upload " + f + " of learner " + l + " was refused: " + location);
                }
            }
        }
        System.out.printf("uploaded %d files, %d MB, in %.1f s%n", LEARNERS * FILES_EACH, totalBytes >> 20,
                (System.nanoTime() - uploadStart) / 1e9);
        Launched assessor = launch(platform, new Person("bench-assessor", "Bench Assessor", INSTRUCTOR), course, "activity-" + course);
        System.gc();
        String before = status("VmRSS");
        Files.writeString(Path.of("/proc/self/clear_refs"), "5"); // resets VmHWM to the current RSS
        long start = System.nanoTime();
        HttpResponse<InputStream> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(URI.create(baseUrl() + assessor.base() + "/caseload/export.zip")).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        long zipBytes = 0;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                zipBytes += read;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("EXPORT status %d, %s, ZIP %d MB of %d MB evidence in %.1f s: %.1f MB/s of evidence, %.1f MB/s of ZIP%n",
                response.statusCode(), response.headers().firstValue("Transfer-Encoding").map(t -> "Transfer-Encoding " + t)
                        .orElse("Content-Length " + response.headers().firstValue("Content-Length").orElse("?")),
                zipBytes >> 20, totalBytes >> 20, seconds, (totalBytes >> 20) / seconds, (zipBytes >> 20) / seconds);
        System.out.printf("EXPORT memory: max heap %d MB; RSS before the download %s, peak RSS during it (VmHWM) %s%n",
                Runtime.getRuntime().maxMemory() >> 20, before, status("VmHWM"));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the export failed with " + response.statusCode());
        }
    }

    private static String status(String field) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith(field + ":")).map(l -> l.substring(field.length() + 1).strip()).findFirst().orElse("?");
    }
}
