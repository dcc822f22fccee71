package org.attest.tool.portfolio;

import java.util.Set;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;

/**
 * A centre administrator's (or the operator's) read access to the learner units of one course export, and nothing
 * else: {@link UnitContents#exportCourseAsAdministrator} opens it on the request's thread for as long as the export is
 * read and written, and closes it when the export ends, however it ends. Every read the export makes (the recording
 * form, the evidence files, the audit entries, other modules' documents) asks {@link PortfolioAccess#mayRead}, which
 * asks {@link #covers}; the administrator's pages elsewhere never open one, so they see no portfolio.
 */
final class AdministratorExports {

    private record Pass(LtiPrincipal administrator, Set<UUID> learnerUnits) {
    }

    private static final ThreadLocal<Pass> OPEN = new ThreadLocal<>();

    private AdministratorExports() {
    }

    /** Runs {@code export} with the administrator reading these learner units; the pass ends when it returns or throws. */
    static <E extends Exception> void during(LtiPrincipal administrator, Set<UUID> learnerUnits, Run<E> export) throws E {
        if (OPEN.get() != null) {
            throw new IllegalStateException("an administrator's export is already running on this thread");
        }
        OPEN.set(new Pass(administrator, Set.copyOf(learnerUnits)));
        try {
            export.run();
        } finally {
            OPEN.remove();
        }
    }

    /** The user is the administrator of the export running on this thread, and it holds this learner unit. */
    static boolean covers(LtiPrincipal user, LearnerUnit unit) {
        Pass pass = OPEN.get();
        return pass != null && user != null && pass.administrator().equals(user) && pass.learnerUnits().contains(unit.id());
    }

    @FunctionalInterface
    interface Run<E extends Exception> {
        void run() throws E;
    }
}
