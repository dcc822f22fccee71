package org.attest.tool.standards.internal;

import java.util.UUID;
import org.attest.tool.lti.AdminRefused;
import org.attest.tool.lti.AdminScope;

/**
 * Who may do what with frameworks, by the administrator's {@link AdminScope}: a centre sees the tool-wide frameworks
 * and its own, and imports new versions of its own only; the operator sees and manages all, and alone makes a centre's
 * framework tool-wide. Each refusal is 403, says why and what to do, and changes nothing.
 */
final class FrameworkAccess {

    private FrameworkAccess() {
    }

    /** A package whose identifier another centre's framework already uses is not this centre's to import. */
    static void requireVisible(AdminScope scope, UUID owner, String frameworkId) {
        if (!scope.sees(owner)) {
            // Another centre's framework: its title and versions are that centre's business.
            throw AdminRefused.notAllowed("The CASE identifier " + frameworkId + " of this package is already used by "
                    + "a framework of another centre, so Attest cannot import it for yours. Give your package an "
                    + "identifier of its own (CFDocument.identifier), or ask the operator");
        }
    }

    /** New versions of a tool-wide framework come from the operator. */
    static void requireManages(AdminScope scope, UUID owner, String title) {
        if (!scope.manages(owner)) {
            throw AdminRefused.notAllowed(title + " is a tool-wide framework: only the operator imports its "
                    + "new versions. Ask the operator to import this version, or give your package an identifier of its "
                    + "own (CFDocument.identifier) to import it as your centre's framework");
        }
    }

    /** Only the operator makes a framework tool-wide, since every platform is then offered it. */
    static void requireOperator(AdminScope scope) {
        if (!scope.isTool()) {
            throw AdminRefused.notAllowed("Only the operator can make a framework tool-wide, since every platform is then "
                    + "offered it");
        }
    }
}
