package org.attest.tool.lti;

import static java.util.stream.Collectors.toCollection;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Spring Modulith takes every public type of a module's base package for its API, so lti's base package makes public
 * only what other modules use, and its package-info lists exactly those types.
 */
class LtiApiTest {

    private static final String BASE = "org.attest.tool.lti";
    private static final Pattern LINK = Pattern.compile("\\{@link org\\.attest\\.tool\\.lti\\.([A-Z]\\w*)\\}");

    @Test
    void basePackageMakesPublicExactlyTheApiItsPackageInfoLists() throws IOException {
        TreeSet<String> publicTypes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE).stream()
                .filter(c -> c.getPackageName().equals(BASE) && c.isTopLevelClass() && c.getModifiers().contains(JavaModifier.PUBLIC))
                .map(JavaClass::getSimpleName)
                .collect(toCollection(TreeSet::new));
        String packageInfo = Files.readString(Path.of("src/main/java/org/attest/tool/lti/package-info.java"));
        TreeSet<String> listed = LINK.matcher(packageInfo).results().map(m -> m.group(1)).collect(toCollection(TreeSet::new));

        assertThat(publicTypes)
                .as("public types of %s; make a type package-private or move it to lti.internal unless another module "
                        + "uses it, and list every API type in lti/package-info.java", BASE)
                .isEqualTo(listed);
    }
}
