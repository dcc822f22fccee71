package org.attest.tool.portfolio;

import org.attest.tool.lti.LtiPrincipal;

/**
 * Who may verify a learner's unit: read it as its assessor does (the unit, its evidence and files, the coverage
 * matrix) without changing anything. The quality-assurance module answers (an internal verifier of the unit's centre
 * who is not its assessor); until a module does, no one may, as {@link #NONE} answers.
 */
public interface Verifiers {

    /** The answer when no module answers: nobody verifies. */
    Verifiers NONE = (user, unit) -> false;

    /** The user may read this learner's unit to verify it. Asked only of users who may not see it otherwise. */
    boolean mayVerify(LtiPrincipal user, LearnerUnit unit);
}
