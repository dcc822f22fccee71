package org.attest.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sandbox reaches Attest over HTTP only: no class of the sandbox uses a type of Attest's, except the
 * application class that starts Attest beside it.
 */
class SandboxBoundaryTest {

    @Test
    void noSandboxClassButTheLauncherNamesAnAttestType() throws IOException {
        Path sources = Path.of("src/main/java/org/attest/sandbox");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(sources)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().equals("SandboxApplication.java"))
                    .filter(f -> read(f).contains("org.attest.tool"))
                    .map(f -> f.getFileName().toString())
                    .toList();
        }
        assertThat(sources).isDirectory();
        assertThat(offenders).isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
