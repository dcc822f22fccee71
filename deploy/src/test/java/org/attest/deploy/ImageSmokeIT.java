package org.attest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The image the build made (lti-tool/target/attest-image.tar, on the Debian JRE base .ci/run builds) run as production
 * runs it, by deploy/image/smoke.sh: non-root, read-only root filesystem, on a fresh PostgreSQL database, serving 100
 * full LTI launches from the load generator's played platform, every one landing. Needs podman and root (CI here).
 */
class ImageSmokeIT {

    static final Path ROOT = Path.of(System.getProperty("basedir", "."), "..").toAbsolutePath().normalize();

    @Test
    void theImageServesFullLtiLaunchesOnPostgresqlAsANonRootReadOnlyContainer() throws Exception {
        Path image = ROOT.resolve("lti-tool/target/attest-image.tar");
        boolean ready = Files.isRegularFile(image) && Files.isExecutable(Path.of("/usr/bin/podman"))
                && Files.isRegularFile(ROOT.resolve("bench/target/benchmarks.jar"));
        Prerequisites.require(ready, "the image smoke test needs the image tarball (built when .ci/run has made the base with "
                    + "deploy/image/build-base.sh), podman and the load generator");
        Process smoke = new ProcessBuilder("bash", "deploy/image/smoke.sh", "--skip-build").directory(ROOT.toFile())
                .redirectErrorStream(true).start();
        String output = new String(smoke.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(smoke.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(smoke.exitValue()).as(output).isZero();
        assertThat(output).contains("100 landed of 100", "image smoke test passed");
    }
}
