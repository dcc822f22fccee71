package org.attest.tool.portfolio.internal.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Keeps evidence files in a bucket of an S3-compatible object store (AWS S3, MinIO, Ceph), chosen by
 * {@code attest.files.store=s3}. A file larger than one part goes up as a multipart upload, one part in memory at a
 * time, and an upload that fails is aborted so the store keeps neither the object nor its parts. Objects are named
 * {@code <key-prefix><key>} with Attest's generated keys only.
 */
@Component
@ConditionalOnProperty(name = "attest.files.store", havingValue = "s3")
class S3FileStore implements FileStore, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(S3FileStore.class);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final ServerSideEncryption encryption;
    private final String kmsKeyId;
    private final int partSize;

    /** With an {@link SdkHttpClient} bean when there is one (tests trusting S3Mock's certificate), else the JDK's. */
    @Autowired
    S3FileStore(S3Properties properties, ObjectProvider<SdkHttpClient> httpClient) {
        this(properties, client(properties, httpClient.getIfAvailable(UrlConnectionHttpClient::create)));
    }

    S3FileStore(S3Properties properties, S3Client s3) {
        properties.requireUsable();
        this.s3 = s3;
        this.bucket = properties.bucket();
        this.prefix = properties.keyPrefix();
        this.encryption = "none".equals(properties.serverSideEncryption()) ? null
                : ServerSideEncryption.fromValue(properties.serverSideEncryption());
        this.kmsKeyId = properties.kmsKeyId().isEmpty() ? null : properties.kmsKeyId();
        this.partSize = Math.toIntExact(properties.partSize().toBytes());
    }

    static S3Client client(S3Properties properties, SdkHttpClient httpClient) {
        properties.requireUsable();
        var builder = S3Client.builder()
                .httpClient(httpClient)
                .region(Region.of(properties.region()))
                .credentialsProvider(credentials(properties))
                .forcePathStyle(properties.pathStyleAccess())
                // Checksums only where S3 requires them: MinIO and Ceph releases still in use refuse the newer trailers.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3Properties properties) {
        if (properties.accessKeyIdFile() == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                secret(properties.accessKeyIdFile(), "access-key-id-file"),
                secret(properties.secretAccessKeyFile(), "secret-access-key-file")));
    }

    private static String secret(Path file, String setting) {
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new IllegalStateException("attest.files.s3." + setting + " names " + file + ", which is empty");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalStateException("attest.files.s3." + setting + " names " + file
                    + ", which Attest cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String key, Path source) throws IOException {
        if (exists(key)) {
            throw new FileAlreadyExistsException(key);
        }
        try (InputStream in = Files.newInputStream(source)) {
            upload(key, in);
        }
    }

    /** Uploads {@code content} to its end under the key: one PUT when it fits in a part, else a multipart upload. */
    void upload(String key, InputStream content) throws IOException {
        String object = object(key);
        byte[] part = new byte[partSize];
        int filled = content.readNBytes(part, 0, partSize);
        if (filled < partSize) {
            try {
                s3.putObject(PutObjectRequest.builder().bucket(bucket).key(object).serverSideEncryption(encryption)
                        .ssekmsKeyId(kmsKeyId).contentLength((long) filled).build(), body(part, filled));
                return;
            } catch (SdkException e) {
                throw new IOException("The object store refused evidence file " + key + ": " + e.getMessage(), e);
            }
        }
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder().bucket(bucket).key(object)
                    .serverSideEncryption(encryption).ssekmsKeyId(kmsKeyId).build()).uploadId();
        } catch (SdkException e) {
            throw new IOException("The object store refused evidence file " + key + ": " + e.getMessage(), e);
        }
        try {
            List<CompletedPart> parts = new ArrayList<>();
            while (filled > 0) {
                int number = parts.size() + 1;
                int length = filled;
                String etag = s3.uploadPart(r -> r.bucket(bucket).key(object).uploadId(uploadId).partNumber(number)
                        .contentLength((long) length), body(part, length)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                filled = content.readNBytes(part, 0, partSize);
            }
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(object).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (IOException | RuntimeException e) {
            abort(object, uploadId, e);
            if (e instanceof SdkException) {
                throw new IOException("The object store refused evidence file " + key + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    // No copy of the part: the SDK reads the buffer through a stream, and may read it again when it retries.
    private static RequestBody body(byte[] part, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(part, 0, length), length,
                "application/octet-stream");
    }

    private void abort(String object, String uploadId, Exception cause) {
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(object).uploadId(uploadId));
        } catch (SdkException e) {
            cause.addSuppressed(e);
            // The bucket's lifecycle rule for incomplete multipart uploads removes the parts (docs/operations.md).
            log.warn("Could not abort the multipart upload {} of {}: {}", uploadId, object, e.toString());
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(r -> r.bucket(bucket).key(object(key)));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (SdkException e) {
            throw new IOException("The object store did not return evidence file " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(object(key)));
        } catch (SdkException e) {
            throw new IOException("The object store did not delete evidence file " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            s3.headObject(r -> r.bucket(bucket).key(object(key)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Stream<Entry> entries() throws IOException {
        try {
            return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                    .filter(o -> o.key().startsWith(prefix))
                    .map(o -> new Entry(o.key().substring(prefix.length()), o.lastModified()))
                    .filter(e -> FileStore.KEY.matcher(e.key()).matches());
        } catch (SdkException e) {
            throw new IOException("The object store did not list bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void check() throws IOException {
        try {
            s3.headBucket(r -> r.bucket(bucket));
        } catch (SdkException e) {
            throw new IOException("The object store does not answer for bucket " + bucket + " (attest.files.s3.*): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void destroy() {
        s3.close();
    }

    private String object(String key) {
        return prefix + FileStore.checked(key);
    }
}
