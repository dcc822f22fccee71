package org.attest.tool.portfolio.internal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.attest.tool.S3MockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The S3 store against Adobe S3Mock running as a process of its own (real HTTPS, real multipart uploads). */
class S3FileStoreTest {

    static final S3MockServer server = S3MockServer.get();
    static String bucket;
    static S3Client bucketView;

    @TempDir
    Path temp;

    @BeforeAll
    static void bucket() {
        bucket = server.newBucket();
        bucketView = server.client();
    }

    @AfterAll
    static void close() {
        bucketView.close();
    }

    static S3Properties properties(String prefix, String encryption) {
        return new S3Properties(server.endpoint(), "us-east-1", bucket, true, server.accessKeyIdFile(),
                server.secretAccessKeyFile(), prefix, encryption, "",
                DataSize.ofMegabytes(8));
    }

    static S3FileStore store(String prefix, String encryption) {
        S3Properties properties = properties(prefix, encryption);
        return new S3FileStore(properties, S3FileStore.client(properties, S3MockServer.httpClient()));
    }

    @Test
    void storedFileReadsBackUnderThePrefixAndIsGoneAfterDelete() throws IOException {
        S3FileStore store = store("tenant-a/", "none");
        String key = FileStore.newKey();
        Path source = Files.writeString(temp.resolve("notes.txt"), "plain notes");

        store.put(key, source);

        try (InputStream in = store.open(key)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("plain notes");
        }
        assertThat(bucketView.headObject(r -> r.bucket(bucket).key("tenant-a/" + key)).contentLength()).isEqualTo(11);
        assertThat(store.exists(key)).isTrue();
        try (Stream<FileStore.Entry> entries = store.entries()) {
            assertThat(entries.map(FileStore.Entry::key)).contains(key);
        }
        assertThatThrownBy(() -> store.put(key, source)).isInstanceOf(FileAlreadyExistsException.class);

        store.delete(key);
        store.delete(key);
        assertThat(store.exists(key)).isFalse();
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aFileOfSeveralPartsGoesUpAsAMultipartUploadWithItsBytesIntact() throws Exception {
        S3FileStore store = store("", "none");
        String key = FileStore.newKey();
        long size = DataSize.ofMegabytes(21).toBytes();
        MessageDigest sent = MessageDigest.getInstance("SHA-256");

        // Generated as it is read, so the only copy of a part in this JVM is the store's one buffer.
        store.upload(key, new DigestInputStream(new GeneratedBytes(size, Long.MAX_VALUE), sent));

        var head = bucketView.headObject(r -> r.bucket(bucket).key(key));
        assertThat(head.contentLength()).isEqualTo(size);
        assertThat(head.eTag()).as("a multipart object's ETag ends with its number of parts").endsWith("-3\"");
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(store.open(key), received)) {
            in.transferTo(OutputStreamDiscarding.INSTANCE);
        }
        assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(HexFormat.of().formatHex(sent.digest()));
        store.delete(key);
    }

    @Test
    void anUploadThatBreaksOffLeavesNeitherObjectNorParts() {
        S3FileStore store = store("", "none");
        String key = FileStore.newKey();

        // Breaks after two full parts have gone up.
        assertThatThrownBy(() -> store.upload(key, new GeneratedBytes(DataSize.ofMegabytes(30).toBytes(),
                DataSize.ofMegabytes(17).toBytes())))
                .isInstanceOf(IOException.class).hasMessageContaining("connection reset");

        assertThatThrownBy(() -> bucketView.headObject(r -> r.bucket(bucket).key(key)))
                .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
        assertThat(bucketView.listMultipartUploads(r -> r.bucket(bucket)).uploads())
                .as("no multipart upload left open").noneMatch(u -> u.key().equals(key));
    }

    // S3Mock checks the KMS key id of every request that asks for aws:kms and keeps no other trace of it, so a key it
    // does not know being refused shows the encryption headers reach the store, and a known one being taken shows they fit.
    @Test
    void serverSideEncryptionIsAskedForOnSmallAndMultipartUploads() throws IOException {
        S3FileStore unknownKey = kmsStore("key-the-store-does-not-have");
        assertThatThrownBy(() -> unknownKey.put(FileStore.newKey(), Files.writeString(temp.resolve("a.txt"), "secret notes")))
                .hasMessageContaining("Invalid keyId");
        assertThatThrownBy(() -> unknownKey.upload(FileStore.newKey(),
                new GeneratedBytes(DataSize.ofMegabytes(9).toBytes(), Long.MAX_VALUE)))
                .hasMessageContaining("Invalid keyId");

        S3FileStore knownKey = kmsStore(S3MockServer.KMS_KEY);
        String small = FileStore.newKey();
        String large = FileStore.newKey();
        knownKey.put(small, Files.writeString(temp.resolve("b.txt"), "secret notes"));
        knownKey.upload(large, new GeneratedBytes(DataSize.ofMegabytes(9).toBytes(), Long.MAX_VALUE));
        assertThat(knownKey.exists(small)).isTrue();
        assertThat(knownKey.exists(large)).isTrue();
    }

    private S3FileStore kmsStore(String keyId) {
        S3Properties kms = new S3Properties(server.endpoint(), "us-east-1", bucket, true, server.accessKeyIdFile(),
                server.secretAccessKeyFile(), "", "aws:kms", keyId, DataSize.ofMegabytes(8));
        return new S3FileStore(kms, S3FileStore.client(kms, S3MockServer.httpClient()));
    }

    @Test
    void keysNotOfTheGeneratedShapeNameNoObject() {
        S3FileStore store = store("", "none");
        for (String key : List.of("../other-bucket/x", "ab/cd/../../etc", "ab/cd/not-a-uuid", "")) {
            assertThatThrownBy(() -> store.open(key)).as(key).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not an evidence file key");
        }
    }

    @Test
    void settingsThatCannotWorkAreRefusedWithWhatToSet() {
        assertThatThrownBy(() -> new S3Properties(URI.create("https://s3.example"), "us-east-1", "", true, null, null, "",
                "none", "", DataSize.ofMegabytes(8)).requireUsable()).hasMessageContaining("attest.files.s3.bucket");
        assertThatThrownBy(() -> properties("", "AES128").requireUsable())
                .hasMessageContaining("must be none, AES256 or aws:kms");
        assertThatThrownBy(() -> new S3Properties(null, "us-east-1", "b", true, null, null, "", "none", "",
                DataSize.ofMegabytes(1)).requireUsable()).hasMessageContaining("at least 5MB");
        assertThatThrownBy(() -> new S3Properties(null, "us-east-1", "b", true, Path.of("id"), null, "", "none", "",
                DataSize.ofMegabytes(8)).requireUsable()).hasMessageContaining("go together");
        assertThatThrownBy(() -> properties("evidence", "none").requireUsable()).hasMessageContaining("must end with '/'");
    }

    @Test
    void theHealthCheckSaysWhichBucketDoesNotAnswer() {
        S3Properties missing = new S3Properties(server.endpoint(), "us-east-1", "no-such-bucket", true,
                server.accessKeyIdFile(), server.secretAccessKeyFile(), "",
                "none", "", DataSize.ofMegabytes(8));
        S3FileStore store = new S3FileStore(missing, S3FileStore.client(missing, S3MockServer.httpClient()));
        assertThatThrownBy(store::check).isInstanceOf(IOException.class).hasMessageContaining("no-such-bucket");
        assertThat(new FileStoreHealthIndicator(store).health().getStatus().getCode()).isEqualTo("DOWN");
        assertThat(new FileStoreHealthIndicator(store("", "none")).health().getStatus().getCode()).isEqualTo("UP");
    }

    /** Pseudo-random bytes made as they are read; fails like a dropped connection after {@code failAfter} bytes. */
    static final class GeneratedBytes extends InputStream {
        private final Random random = new Random(15);
        private final long size;
        private final long failAfter;
        private long read;

        GeneratedBytes(long size, long failAfter) {
            this.size = size;
            this.failAfter = failAfter;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (read >= failAfter) {
                throw new IOException("connection reset");
            }
            if (read >= size) {
                return -1;
            }
            int n = (int) Math.min(length, Math.min(size - read, Math.max(1, failAfter - read)));
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, buffer, offset, n);
            read += n;
            return n;
        }
    }

    enum OutputStreamDiscarding {
        ;
        static final java.io.OutputStream INSTANCE = java.io.OutputStream.nullOutputStream();
    }
}
