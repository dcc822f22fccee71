package org.attest.tool.witnesses.web;

import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.LearnerUnits;
import org.attest.tool.portfolio.PortfolioAccess;
import org.attest.tool.portfolio.PortfolioRefused;
import org.attest.tool.quality.Iqas;
import org.springframework.stereotype.Component;

/** Who may read which witness page (and its PDF): the same checks and the same refusals for both. */
@Component
class WitnessReaders {

    private final LearnerUnits learnerUnits;
    private final Iqas iqas;

    WitnessReaders(LearnerUnits learnerUnits, Iqas iqas) {
        this.learnerUnits = learnerUnits;
        this.iqas = iqas;
    }

    /** The unit's assessor only: the witness status list and the witness links. */
    LearnerUnit assessable(LtiPrincipal user, UUID learnerUnitId) {
        return PortfolioAccess.requireAssessable(user, learnerUnits.visible(user, learnerUnitId));
    }

    /** The unit's assessor, its candidate, or an IQA of its centre; to anyone else the unit is not there. */
    LearnerUnit expertReader(LtiPrincipal user, UUID learnerUnitId) {
        LearnerUnit unit = learnerUnits.visible(user, learnerUnitId);
        if (!PortfolioAccess.mayAssess(user, unit) && !PortfolioAccess.owns(user, unit)
                && !iqas.isIqaOf(user, unit.course().platformId())) {
            throw PortfolioRefused.notFound("that portfolio");
        }
        return unit;
    }
}
