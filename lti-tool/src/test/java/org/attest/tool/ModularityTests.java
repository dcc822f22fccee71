package org.attest.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
    /**
     * Public API written ahead of its callers; take a type off this list as soon as another module uses it. Empty now:
     * the records module renders through {@code documents.Pdfs} and contributes to exports through
     * {@code documents.ExportContributor}.
     */
    private static final Set<String> API_AHEAD_OF_ITS_CALLERS = Set.of();

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    /**
     * A module's base package is its API (Spring Modulith exposes every public type there), so it holds only what
     * another module uses: a public type in a base package that no other module's main code depends on belongs in
     * a sub-package or should be package-private.
     */
    @Test
    void aModulesBasePackageHoldsOnlyTypesOtherModulesUse() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.attest.tool");
        Set<String> basePackages = MODULES.stream().map(m -> m.getBasePackage().getName()).collect(Collectors.toSet());
        List<String> unused = classes.stream()
                .filter(c -> basePackages.contains(c.getPackageName()) && c.isTopLevelClass()
                        && c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> classes.stream()
                        .filter(t -> t.equals(c) || t.getName().startsWith(c.getName() + "$")) // its nested types too
                        .flatMap(t -> t.getDirectDependenciesToSelf().stream())
                        .map(d -> moduleOf(d.getOriginClass(), basePackages))
                        .noneMatch(m -> m != null && !m.equals(c.getPackageName())))
                .map(JavaClass::getName).filter(name -> !API_AHEAD_OF_ITS_CALLERS.contains(name)).sorted().toList();
        assertThat(unused).as("public types in a module's base package that no other module uses").isEmpty();
    }

    private static String moduleOf(JavaClass type, Set<String> basePackages) {
        String name = type.getPackageName();
        return basePackages.stream().filter(p -> name.equals(p) || name.startsWith(p + ".")).findFirst().orElse(null);
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
        try (Stream<Path> written = Files.list(DOCS)) {
            for (Path stale : written.filter(f -> !Files.exists(fresh.resolve(f.getFileName()))).toList()) {
                Files.delete(stale); // a module that no longer exists
            }
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
