package org.attest.tool.witnesses.web;

import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.LearnerUnits;
import org.attest.tool.portfolio.PortfolioAccess;
import org.attest.tool.portfolio.PortfolioRefused;
import org.attest.tool.witnesses.internal.WitnessAccess;
import org.springframework.stereotype.Component;

/** Who may read which witness page (and its PDF): the same checks and the same refusals for both (WitnessAccess). */
@Component
class WitnessReaders {

    private final LearnerUnits learnerUnits;
    private final WitnessAccess access;

    WitnessReaders(LearnerUnits learnerUnits, WitnessAccess access) {
        this.learnerUnits = learnerUnits;
        this.access = access;
    }

    /** The unit's assessor only: writing, signing, and the witness links. */
    LearnerUnit assessable(LtiPrincipal user, UUID learnerUnitId) {
        return PortfolioAccess.requireAssessable(user, learnerUnits.visible(user, learnerUnitId));
    }

    /** The unit's assessor, or a verifier reading the unit (IQA, EQA within their grant); to anyone else it is not there. */
    LearnerUnit listReader(LtiPrincipal user, UUID learnerUnitId) {
        LearnerUnit unit = learnerUnits.visible(user, learnerUnitId);
        if (!access.mayReadList(user, unit)) {
            throw PortfolioRefused.notFound("that portfolio");
        }
        return unit;
    }

    /** The list's readers, the candidate, or an IQA of the unit's centre; to anyone else the unit is not there. */
    LearnerUnit expertReader(LtiPrincipal user, UUID learnerUnitId) {
        LearnerUnit unit = learnerUnits.visible(user, learnerUnitId);
        if (!access.mayReadExperts(user, unit)) {
            throw PortfolioRefused.notFound("that portfolio");
        }
        return unit;
    }
}
