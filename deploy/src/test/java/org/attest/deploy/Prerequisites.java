package org.attest.deploy;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** What a deployment check needs from the machine: in CI (CI=true) a missing tool fails the build, elsewhere it skips. */
final class Prerequisites {

    private Prerequisites() {
    }

    /** Fails (CI) or aborts (a developer's machine) with {@code missing} unless {@code ready}. */
    static void require(boolean ready, String missing) {
        if (ready) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(missing);
        }
        Assumptions.abort(missing);
    }
}
