package org.attest.tool;

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

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("../docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
