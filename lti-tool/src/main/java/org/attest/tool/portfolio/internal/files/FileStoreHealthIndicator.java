package org.attest.tool.portfolio.internal.files;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the evidence store answers: the bucket (S3 HeadBucket) or the directory (exists and writable). Contributor
 * name {@code fileStore}, for the readiness group.
 */
@Component("fileStoreHealthIndicator")
class FileStoreHealthIndicator implements HealthIndicator {

    private final FileStore store;

    FileStoreHealthIndicator(FileStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        try {
            store.check();
            return Health.up().withDetail("store", store.getClass().getSimpleName()).build();
        } catch (Exception e) {
            return Health.down().withDetail("store", store.getClass().getSimpleName())
                    .withDetail("error", String.valueOf(e.getMessage())).build();
        }
    }
}
