package org.attest.tool.portfolio.internal.files;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the S3-compatible evidence store under {@code attest.files.s3.}, used when {@code attest.files.store=s3}
 * (documented in docs/configuration.md). Checked by {@link S3FileStore} when that store starts, so the filesystem
 * default needs none of them.
 *
 * @param endpoint the store's URL, such as {@code https://minio.internal:9000}; empty for AWS S3 itself
 * @param region the region to sign requests for; MinIO and Ceph accept any
 * @param bucket the bucket evidence goes to; it must exist
 * @param pathStyleAccess {@code https://host/bucket/key} rather than {@code https://bucket.host/key}, as MinIO and Ceph need
 * @param accessKeyIdFile a file holding the access key id; with {@code secretAccessKeyFile}, else the AWS default
 *     provider chain (environment, {@code ~/.aws/credentials}, web identity, instance or container role) is used
 * @param secretAccessKeyFile a file holding the secret access key
 * @param keyPrefix put before every key, such as {@code evidence/}, so the bucket can be shared
 * @param serverSideEncryption {@code none}, {@code AES256} (keys managed by the store) or {@code aws:kms}
 * @param kmsKeyId the KMS key for {@code aws:kms}; empty for the account's default key
 * @param partSize the size of each part of a multipart upload, at least 5MB; one part is held in memory per upload
 */
@ConfigurationProperties("attest.files.s3")
record S3Properties(
        URI endpoint,
        @DefaultValue("us-east-1") String region,
        String bucket,
        @DefaultValue("false") boolean pathStyleAccess,
        Path accessKeyIdFile,
        Path secretAccessKeyFile,
        @DefaultValue("") String keyPrefix,
        @DefaultValue("none") String serverSideEncryption,
        @DefaultValue("") String kmsKeyId,
        @DefaultValue("8MB") DataSize partSize) {

    static final DataSize SMALLEST_PART = DataSize.ofMegabytes(5);

    /** Refuses settings the S3 store cannot work with, each with what to set instead. */
    void requireUsable() {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("attest.files.store=s3 needs attest.files.s3.bucket, the name of an "
                    + "existing bucket such as attest-evidence");
        }
        if (!java.util.List.of("none", "AES256", "aws:kms").contains(serverSideEncryption)) {
            throw new IllegalStateException("attest.files.s3.server-side-encryption must be none, AES256 or aws:kms; was '"
                    + serverSideEncryption + "'");
        }
        if (!kmsKeyId.isEmpty() && !"aws:kms".equals(serverSideEncryption)) {
            throw new IllegalStateException("attest.files.s3.kms-key-id is set but attest.files.s3.server-side-encryption "
                    + "is " + serverSideEncryption + "; set it to aws:kms or remove the key id");
        }
        if ((accessKeyIdFile == null) != (secretAccessKeyFile == null)) {
            throw new IllegalStateException("attest.files.s3.access-key-id-file and secret-access-key-file go together; "
                    + "set both, or neither to use the AWS default credentials provider chain");
        }
        if (partSize.toBytes() < SMALLEST_PART.toBytes()) {
            throw new IllegalStateException("attest.files.s3.part-size must be at least 5MB (S3's smallest part); was "
                    + partSize);
        }
        if (!keyPrefix.isEmpty() && (keyPrefix.startsWith("/") || !keyPrefix.endsWith("/") || keyPrefix.contains(".."))) {
            throw new IllegalStateException("attest.files.s3.key-prefix must end with '/' and not start with one, such as "
                    + "evidence/; was '" + keyPrefix + "'");
        }
    }
}
