package org.attest.tool.web;

import java.util.List;
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
