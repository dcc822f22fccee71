package org.attest.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Keeps the feature packages honest: each top-level package of the tool is a module that others
 * may use only through the types in its base package, with no cycles; and writes the module
 * documentation (diagrams and canvases) into docs/modules.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(AttestApplication.class);
    private static final Path DOCS = Path.of("../docs/modules");

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    /**
     * Spring Modulith writes relations and canvas rows in a different order from run to run, so the documentation
     * is written to target/ first and copied into docs/modules only where it says something different: a test run
     * leaves the work tree clean unless the modules changed.
     */
    @Test
    void writesModuleDocumentation() throws IOException {
        Path fresh = Path.of("target/modules-docs");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(fresh.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        Files.createDirectories(DOCS);
        try (Stream<Path> files = Files.list(fresh)) {
            files.forEach(ModularityTests::copyIfChanged);
        }
    }

    private static void copyIfChanged(Path file) {
        Path target = DOCS.resolve(file.getFileName());
        try {
            if (!Files.exists(target) || !sorted(target).equals(sorted(file))) {
                Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> sorted(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(String::strip).sorted().toList();
    }
}
