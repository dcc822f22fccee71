package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.lti.TestPlatform;
import org.junit.jupiter.api.Test;
import org.attest.tool.S3MockServer;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Every upload test of {@link EvidenceUploadTest} (refusals, broken-off uploads, hostile names, downloads with their
 * headers) with evidence in an S3 bucket (Adobe S3Mock in a process of its own): nothing refused reaches the bucket.
 */
@Import(S3MockServer.TrustingHttpClient.class)
class S3EvidenceUploadTest extends EvidenceUploadTest {

    static String bucket;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        bucket = S3MockServer.get().useFor(registry);
    }

    @Test
    void aFileInTheBucketDownloadsWithItsBytesAndTheFilesystemStoresHeaders() throws Exception {
        Launched sam = launch(platform, SAM, "s3-download-" + UUID.randomUUID(), "act-" + UUID.randomUUID());
        UUID unit = idAfter(sam.landing(), "portfolio");
        UUID evidence = addEvidence(sam, unit, "Notes", LocalDate.now(), "Customer 1");
        Map<String, Object> file = jdbc.sql("SELECT id, storage_key, sha256 FROM evidence_file WHERE evidence_id = ?")
                .param(evidence).query().singleRow();

        HttpResponse<byte[]> response = TestPlatform.HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + sam.base()
                + "/files/" + file.get("id"))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("What I did");
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(response.body())))
                .isEqualTo(file.get("sha256"));
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
                .startsWith("attachment;").contains("notes.txt"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("private, no-store");
        assertThat(isStoredInsideTheStore((String) file.get("storage_key"))).as("the bytes came from the bucket").isTrue();
    }

    @Override
    boolean isStoredInsideTheStore(String key) {
        try (S3Client s3 = S3MockServer.get().client()) {
            return s3.headObject(r -> r.bucket(bucket).key("evidence/" + key)).contentLength() > 0;
        }
    }

    @Override
    List<String> storedFiles() {
        List<String> kept = jdbc.sql("SELECT storage_key FROM evidence_file").query(String.class).list();
        try (S3Client s3 = S3MockServer.get().client()) {
            return s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
                    .map(o -> o.key())
                    .filter(key -> !kept.contains(key.substring("evidence/".length())))
                    .toList();
        }
    }
}
