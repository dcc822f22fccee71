package org.attest.tool.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxRequestSize the largest request body Attest reads, except evidence uploads (limited by
 *     {@code spring.servlet.multipart.*} and {@code attest.files.max-size}) and framework packages
 *     (50 MB); larger bodies are answered 413 before they are read
 * @param trustRequestId whether an {@code X-Request-Id} sent with a request names it in the logs (only behind a proxy
 *     that sets or overwrites that header on every request); otherwise Attest makes its own id for each request
 */
@ConfigurationProperties("attest.http")
record HttpProperties(@DefaultValue("1MB") DataSize maxRequestSize, @DefaultValue("false") boolean trustRequestId) {

    HttpProperties {
        if (maxRequestSize.toBytes() < 1024) {
            throw new IllegalArgumentException("attest.http.max-request-size must be at least 1KB, such as 1MB; was " + maxRequestSize);
        }
    }
}
