package org.attest.tool.witnesses.internal;

import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.PortfolioAccess;
import org.attest.tool.quality.Iqas;
import org.springframework.stereotype.Component;

/**
 * Who may read the witness records of a learner unit the user can already see ({@code LearnerUnits.visible}), for
 * the pages, their PDFs and the export alike. Writing, signing and sending links stay with the unit's assessor (and
 * the candidate's and IV's own signatures); these answers grant reading only.
 * <ul>
 * <li>the witness status list: the unit's assessors, and the verifiers who read the unit (the centre's IQAs, an EQA
 * within their grant), who check the witnesses' status and confirmations when they sample; not the learner;</li>
 * <li>the records of expert witness and their statements: the same, and the candidate, who signs the statement.</li>
 * </ul>
 */
@Component
public class WitnessAccess {

    private final Iqas iqas;

    WitnessAccess(Iqas iqas) {
        this.iqas = iqas;
    }

    /** A verifier reading the unit: visible to the user, yet not their course's (an IQA from the centre, an EQA). */
    public static boolean verifying(LtiPrincipal user, LearnerUnit visible) {
        return !PortfolioAccess.maySee(user, visible);
    }

    public boolean mayReadList(LtiPrincipal user, LearnerUnit visible) {
        return PortfolioAccess.mayAssess(user, visible) || verifying(user, visible);
    }

    public boolean mayReadExperts(LtiPrincipal user, LearnerUnit visible) {
        return mayReadList(user, visible) || PortfolioAccess.owns(user, visible)
                || iqas.isIqaOf(user, visible.course().platformId());
    }
}
