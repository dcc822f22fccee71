package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.attest.tool.lti.TestPlatform;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Uploads as a browser (or an attacker) sends them, through the evidence form: each bad one is
 * refused with a message that says what to do, and leaves no evidence row and no stored file.
 */
@TestPropertySource(properties = {"attest.files.max-size=64KB", "spring.servlet.multipart.max-file-size=200KB",
        "spring.servlet.multipart.max-request-size=256KB"})
class EvidenceUploadTest extends PortfolioTestSupport {

    static final Person SAM = new Person("upload-sam", "Sam Student", LEARNER);

    static final Path storeRoot = Path.of("target/test-files/uploads-" + UUID.randomUUID()).toAbsolutePath();

    @org.springframework.test.context.DynamicPropertySource
    static void fileStore(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("attest.files.directory", storeRoot::toString);
    }

    record Attempt(String name, String type, byte[] content, int status, String message) {
    }

    @Test
    void badUploadsAreRefusedAndStoreNothing() throws Exception {
        Launched sam = launch(platform, SAM, "uploads-" + UUID.randomUUID(), "act-" + UUID.randomUUID());
        UUID learnerUnit = idAfter(sam.landing(), "portfolio");
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0};
        List<Attempt> attempts = List.of(
                new Attempt("big.pdf", "application/pdf", withPdfHeader(70 * 1024), 400, "larger than the 64 KB limit"),
                new Attempt("program.pdf", "application/pdf", elf, 400, "program.pdf"),
                new Attempt("page.jpg", "image/jpeg", "<html><script>alert(1)</script></html>".getBytes(), 400, "page.jpg"),
                new Attempt("empty.txt", "text/plain", new byte[0], 400, "empty"),
                new Attempt("tool.exe", "application/octet-stream", new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0}, 400, "tool.exe"));
        for (Attempt attempt : attempts) {
            String before = portfolioState();
            HttpResponse<String> response = multipart(sam.base() + "/portfolio/" + learnerUnit + "/evidence",
                    evidenceFields("Evidence with " + attempt.name(), LocalDate.now().toString(), "C1", "OBSERVATION"),
                    List.of(new FilePart("files", attempt.name(), attempt.type(), attempt.content())));
            assertThat(response.statusCode()).as(attempt.name()).isEqualTo(attempt.status());
            assertThat(response.body()).as(attempt.name()).contains(attempt.message());
            assertThat(response.body()).as("the form comes back filled in").contains("value=\"Evidence with " + attempt.name() + "\"");
            assertThat(portfolioState()).as(attempt.name()).isEqualTo(before);
            assertThat(storedFiles()).as(attempt.name()).isEmpty();
        }
    }

    @Test
    void pathTraversalNamesAreStoredUnderSafeNamesInsideTheStore() throws Exception {
        Launched sam = launch(platform, SAM, "names-" + UUID.randomUUID(), "act-" + UUID.randomUUID());
        UUID learnerUnit = idAfter(sam.landing(), "portfolio");
        for (String name : List.of("../../../../etc/passwd.txt", "..\\..\\windows\\win.ini.txt", "/abs/notes.txt")) {
            HttpResponse<String> response = multipart(sam.base() + "/portfolio/" + learnerUnit + "/evidence",
                    evidenceFields("Notes", LocalDate.now().toString(), "C1", "OBSERVATION"),
                    List.of(new FilePart("files", name, "text/plain", "plain notes".getBytes())));
            UUID evidence = idAfter(location(response), "evidence");
            String stored = jdbc.sql("SELECT f.file_name FROM evidence_file f WHERE f.evidence_id = ?").param(evidence)
                    .query(String.class).single();
            assertThat(stored).doesNotContain("/", "\\", "..");
        }
        List<String> keys = jdbc.sql("SELECT f.storage_key FROM evidence_file f JOIN evidence e ON e.id = f.evidence_id "
                + "WHERE e.learner_unit_id = ?").param(learnerUnit).query(String.class).list();
        assertThat(keys).hasSize(3).allMatch(this::isStoredInsideTheStore);
        if (!Files.exists(storeRoot)) {
            return;
        }
        try (Stream<Path> files = Files.walk(storeRoot)) {
            assertThat(files.filter(Files::isRegularFile).filter(p -> !p.toString().contains(".incoming")).map(p -> p.toAbsolutePath().normalize()))
                    .allMatch(p -> p.startsWith(storeRoot.normalize()));
        }
    }

    @Test
    void anInterruptedUploadSavesNothing() throws Exception {
        Launched sam = launch(platform, SAM, "cut-" + UUID.randomUUID(), "act-" + UUID.randomUUID());
        UUID learnerUnit = idAfter(sam.landing(), "portfolio");
        String before = portfolioState();
        String boundary = "----cut" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nCut off\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"video.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + sam.base() + "/portfolio/" + learnerUnit + "/evidence HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: 40000\r\n\r\n" + head)
                    .getBytes(StandardCharsets.UTF_8));
            out.write(new byte[5000]);
            out.flush();
            socket.shutdownOutput(); // the connection drops 5 KB into a 40 KB upload
            InputStream in = socket.getInputStream();
            in.readAllBytes(); // returns once the server has answered and closed: the request is over
        } catch (IOException reset) {
            // the server may reset the connection instead of answering; either way nothing may be saved
        }
        assertThat(portfolioState()).isEqualTo(before);
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void fileNamesWithControlCharactersAreRefusedWith400AndStoreNothing() throws Exception {
        Launched sam = launch(platform, SAM, "ctl-" + UUID.randomUUID(), "act-" + UUID.randomUUID());
        UUID learnerUnit = idAfter(sam.landing(), "portfolio");
        String path = sam.base() + "/portfolio/" + learnerUnit + "/evidence";
        List<HttpResponse<String>> responses = new java.util.ArrayList<>();
        for (String raw : List.of("notes\u0000.txt", "bell\u0007.txt", "tab\t.txt")) {
            responses.add(multipart(path, evidenceFields("Control characters", LocalDate.now().toString(), "C1", "OBSERVATION"),
                    List.of(new FilePart("files", raw, "text/plain", "plain notes".getBytes()))));
        }
        // As RFC 5987 encodes them, which is how a line break or NUL reaches Tomcat's multipart parser intact.
        for (String encoded : List.of("notes%0D%0A.txt", "notes%0A.txt", "notes%00.txt")) {
            responses.add(multipartWithEncodedName(path, encoded));
        }
        for (HttpResponse<String> response : responses) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.body()).contains("control character", "Rename the file").doesNotContain("Exception", "\tat ");
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM evidence WHERE title = 'Control characters'").query(Integer.class).single()).isZero();
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void anUploadOverTheMultipartLimitGetsAReadable413Page() throws Exception {
        Launched sam = launch(platform, SAM, "huge-" + UUID.randomUUID(), "act-" + UUID.randomUUID());
        UUID learnerUnit = idAfter(sam.landing(), "portfolio");
        String before = portfolioState();

        HttpResponse<String> response = multipart(sam.base() + "/portfolio/" + learnerUnit + "/evidence",
                evidenceFields("Huge", LocalDate.now().toString(), "C1", "OBSERVATION"),
                List.of(new FilePart("files", "huge.pdf", "application/pdf", withPdfHeader(600 * 1024))));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(response.body()).contains("The upload is too large", "256 KB", "nothing was saved");
        assertThat(portfolioState()).isEqualTo(before);
        assertThat(storedFiles()).isEmpty();
    }

    private HttpResponse<String> multipartWithEncodedName(String path, String encodedName) throws Exception {
        String boundary = "----attest" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> f : evidenceFields("Control characters", LocalDate.now().toString(), "C1", "OBSERVATION")) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(f.getKey())
                    .append("\"\r\n\r\n").append(f.getValue()).append("\r\n");
        }
        body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"files\"; filename*=UTF-8''")
                .append(encodedName).append("\r\nContent-Type: text/plain\r\n\r\nplain notes\r\n--").append(boundary).append("--\r\n");
        return TestPlatform.HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Whether a file is stored under the key, inside the store's directory; S3EvidenceUploadTest asks its bucket. */
    boolean isStoredInsideTheStore(String key) {
        return Files.isRegularFile(storeRoot.resolve(key).normalize()) && storeRoot.resolve(key).normalize().startsWith(storeRoot);
    }

    /** Files in the store, apart from those other tests of this class stored on purpose; S3EvidenceUploadTest looks in its bucket. */
    List<String> storedFiles() throws IOException {
        if (!Files.exists(storeRoot)) {
            return List.of();
        }
        List<String> kept = jdbc.sql("SELECT storage_key FROM evidence_file").query(String.class).list();
        try (Stream<Path> files = Files.walk(storeRoot)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> kept.stream().noneMatch(k -> p.endsWith(k)))
                    .map(Path::toString)
                    .toList();
        }
    }

    private static byte[] withPdfHeader(int size) {
        byte[] content = new byte[size];
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, content, 0, header.length);
        return content;
    }
}
