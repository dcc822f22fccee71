package org.attest.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/run.sh} on the production jar this build packaged (Maven's integration-test phase, after {@code package}):
 * runs {@code deploy/run-test.sh}, which checks that the start-up archive is made once, mapped by later starts, made again
 * for a new jar, and that a failed training run still starts the tool.
 */
class DeployRunScriptIT {

    @Test
    void runShMakesItsStartUpArchiveOnceAndStartsWithIt() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "run.sh is for Linux");
        Path script = Path.of("..", "deploy", "run-test.sh").toAbsolutePath().normalize();
        Path log = Files.createTempFile("run-test", ".log");
        ProcessBuilder run = new ProcessBuilder("bash", script.toString(), "--port=" + freePort())
                .directory(script.getParent().getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        run.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process process = run.start();
        boolean ended = process.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            process.destroy();
        }
        String output = Files.readString(log);
        assertThat(ended).as("run-test.sh ended within 10 minutes:\n%s", output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("run.sh: all checks passed");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
