package org.attest.tool.web;

import org.attest.tool.S3MockServer;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The exports of {@link PortfolioExportTest} (every file with its SHA-256, streamed in chunks, broken off when a file
 * cannot be read) with evidence in an S3 bucket (Adobe S3Mock in a process of its own).
 */
@Import(S3MockServer.TrustingHttpClient.class)
class S3PortfolioExportTest extends PortfolioExportTest {

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        S3MockServer.get().useFor(registry);
    }
}
