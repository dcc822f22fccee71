package org.attest.tool;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * Adobe S3Mock (its standalone jar, copied to target/s3mock by the build) as a process of its own on 127.0.0.1, started
 * once per test JVM and stopped when it exits. It speaks HTTPS with a self-signed certificate, which only the tests'
 * {@link #httpClient()} trusts. Its second, plain-HTTP connector would listen on every interface, so a
 * launcher ({@link S3MockLoopbackOnly}) removes that one once S3Mock has started.
 */
public final class S3MockServer {

    /** The one KMS key S3Mock accepts for {@code aws:kms} encryption. */
    public static final String KMS_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/attest-test-key";

    /** Its key id, as an operator may give it instead of the ARN. */
    public static final String KMS_KEY = "attest-test-key";

    private static S3MockServer running;

    private final Process process;
    private final URI endpoint;
    private Path accessKeyIdFile;
    private Path secretAccessKeyFile;

    private S3MockServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** The one server of this JVM, started on first use. */
    public static synchronized S3MockServer get() {
        if (running == null) {
            running = start();
            Runtime.getRuntime().addShutdownHook(new Thread(running.process::destroy));
        }
        return running;
    }

    /** Its HTTPS endpoint, such as https://127.0.0.1:41234. */
    public URI endpoint() {
        return endpoint;
    }

    /** An HTTP client for the AWS SDK that trusts S3Mock's self-signed certificate; for tests only. */
    public static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder().buildWithDefaults(
                AttributeMap.builder().put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true).build());
    }

    /** A file holding the access key id S3Mock accepts (any), as an operator would mount one. */
    public synchronized Path accessKeyIdFile() {
        writeCredentialFiles();
        return accessKeyIdFile;
    }

    /** A file holding the secret access key S3Mock accepts (any). */
    public synchronized Path secretAccessKeyFile() {
        writeCredentialFiles();
        return secretAccessKeyFile;
    }

    private void writeCredentialFiles() {
        if (accessKeyIdFile != null) {
            return;
        }
        try {
            Path directory = Files.createTempDirectory("s3-credentials");
            accessKeyIdFile = Files.writeString(directory.resolve("access-key-id"), "test-access-key\n");
            secretAccessKeyFile = Files.writeString(directory.resolve("secret-access-key"), "test-secret-key\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Points the tool under test at a new bucket of this server ({@code attest.files.store=s3}); with
     * {@link TrustingHttpClient} imported, so the store trusts S3Mock's certificate. Returns the bucket.
     */
    public String useFor(DynamicPropertyRegistry registry) {
        String bucket = newBucket();
        registry.add("attest.files.store", () -> "s3");
        registry.add("attest.files.s3.endpoint", endpoint::toString);
        registry.add("attest.files.s3.bucket", () -> bucket);
        registry.add("attest.files.s3.path-style-access", () -> "true");
        registry.add("attest.files.s3.key-prefix", () -> "evidence/");
        registry.add("attest.files.s3.access-key-id-file", () -> accessKeyIdFile().toString());
        registry.add("attest.files.s3.secret-access-key-file", () -> secretAccessKeyFile().toString());
        return bucket;
    }

    /** The SDK HTTP client the S3 store picks up when there is one: trusting S3Mock's self-signed certificate. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class TrustingHttpClient {
        @Bean
        SdkHttpClient s3MockHttpClient() {
            return httpClient();
        }
    }

    /** A client of its own, for tests to look at the bucket behind the store's back. */
    public S3Client client() {
        return S3Client.builder().httpClient(httpClient()).endpointOverride(endpoint).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    }

    /** A new empty bucket, so test classes sharing the server do not see each other's objects. */
    public String newBucket() {
        String bucket = "evidence-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3Client s3 = client()) {
            s3.createBucket(r -> r.bucket(bucket));
        }
        return bucket;
    }

    private static S3MockServer start() {
        Path jar = Path.of("target/s3mock/s3mock.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; the build copies it (maven-dependency-plugin, s3mock-jar) "
                    + "in process-test-resources: run the tests through Maven");
        }
        try {
            Path work = Files.createTempDirectory("s3mock");
            Path launcher = work.resolve("classes").resolve(S3MockLoopbackOnly.class.getName().replace('.', '/') + ".class");
            Files.createDirectories(launcher.getParent());
            try (InputStream in = S3MockLoopbackOnly.class.getResourceAsStream(S3MockLoopbackOnly.class.getSimpleName() + ".class")) {
                Files.copy(in, launcher);
            }
            int https = freePort();
            int http = freePort();
            Process process = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-Dloader.path=" + work.resolve("classes"), "-Dloader.main=" + S3MockLoopbackOnly.class.getName(),
                    "-cp", jar.toString(),
                    "org.springframework.boot.loader.launch.PropertiesLauncher",
                    "--server.address=127.0.0.1", "--server.port=" + https,
                    "--com.adobe.testing.s3mock.httpPort=" + http,
                    "--com.adobe.testing.s3mock.store.root=" + work.resolve("store"),
                    "--com.adobe.testing.s3mock.store.validKmsKeys=" + KMS_KEY_ARN,
                    "--logging.level.root=WARN"))
                    .redirectErrorStream(true).redirectOutput(work.resolve("s3mock.log").toFile()).start();
            URI endpoint = URI.create("https://127.0.0.1:" + https);
            awaitReady(process, endpoint, work.resolve("s3mock.log"));
            return new S3MockServer(process, endpoint);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start S3Mock: " + e, e);
        }
    }

    private static void awaitReady(Process process, URI endpoint, Path log) throws IOException {
        Instant deadline = Instant.now().plusSeconds(90);
        try (S3Client s3 = new S3MockServer(process, endpoint).client()) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("S3Mock stopped while starting:\n" + Files.readString(log));
                }
                try {
                    s3.listBuckets();
                    if (Files.readString(log).contains("plain-HTTP connector removed")) {
                        return;
                    }
                    process.waitFor(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (SdkException notYet) {
                    try {
                        process.waitFor(200, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        process.destroy();
        throw new IllegalStateException("S3Mock did not answer on " + endpoint + " within 90 s:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
