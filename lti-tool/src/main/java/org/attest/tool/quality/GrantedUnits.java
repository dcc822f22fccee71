package org.attest.tool.quality;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.UnitForSampling;
import org.attest.tool.quality.internal.EqaGrants;
import org.springframework.stereotype.Service;

/**
 * The learner units an external verifier's (EQA's) grant covers, for the export of everything they may read. Read on
 * every call: a grant that has ended or was revoked covers nothing.
 */
@Service
public class GrantedUnits {

    private final EqaGrants grants;

    GrantedUnits(EqaGrants grants) {
        this.grants = grants;
    }

    /**
     * The ids of the learner units the EQA's active grant covers (only the plan's sample for a sample-only grant), by
     * learner and unit; empty when the user has no active grant (not an EQA, ended, revoked or not started).
     */
    public Optional<List<UUID>> ofActiveGrant(LtiPrincipal eqa) {
        return grants.active(eqa).map(grant -> grants.coveredUnits(grant).stream()
                .map(UnitForSampling::learnerUnitId).toList());
    }
}
