package org.attest.tool.portfolio.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar attest.jar --attest.audit.verify} as an operator runs it: a separate process on
 * the tool's own classpath, against an H2 file database, with the server's port already taken.
 */
class AuditVerificationCommandTest {

    @TempDir
    Path data;

    record Run(int exitCode, String output) {
    }

    @Test
    void checksTheTrailWithoutServingAndExitsWithItsVerdict() throws Exception {
        String url = "jdbc:h2:file:" + data.resolve("attest") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (ServerSocket runningServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // The live server holds this port; a command that tried to serve would fail to start.
            int port = runningServer.getLocalPort();

            Run intact = verify(url, port);
            assertThat(intact.output()).contains("Audit trail intact: 0 rows checked");
            assertThat(intact.exitCode()).as(intact.output()).isEqualTo(AuditVerificationRunner.INTACT);

            try (Connection db = DriverManager.getConnection(url, "attest", "")) {
                db.createStatement().executeUpdate("UPDATE audit_head SET last_seq = 3 WHERE id = 1");
            }
            Run broken = verify(url, port);
            assertThat(broken.output()).contains("Audit trail BROKEN: head points at 3 but there are no rows");
            assertThat(broken.exitCode()).as(broken.output()).isEqualTo(AuditVerificationRunner.BROKEN);
        }
    }

    private static Run verify(String url, int port) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", toolClasspath(), "org.attest.tool.AttestApplication",
                "--attest.audit.verify", "--spring.datasource.url=" + url, "--server.port=" + port,
                "--attest.keys.generated-encryption-key-file=" + Path.of(url.substring("jdbc:h2:file:".length(), url.indexOf(';')))
                        .resolveSibling("key-encryption-key"),
                "--logging.level.root=WARN"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the verify command did not end:\n" + output);
        }
        return new Run(process.exitValue(), output);
    }

    /** The test classpath without the test classes, so the child runs the tool as packaged. */
    private static String toolClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
