package org.attest.tool.portfolio;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.internal.Evidence;
import org.attest.tool.portfolio.internal.MappingStatus;
import org.attest.tool.portfolio.internal.PortfolioView;
import org.attest.tool.portfolio.internal.UnitSignature;
import org.springframework.stereotype.Service;

/**
 * Reads a learner's unit as its recording documents print it ({@link UnitRecord}), for whoever may read the
 * portfolio: the learner who owns it, its course's assessors, and its verifiers.
 */
@Service
public class UnitRecords {

    private final LearnerUnits learnerUnits;

    UnitRecords(LearnerUnits learnerUnits) {
        this.learnerUnits = learnerUnits;
    }

    /** The learner unit's record, or {@link PortfolioRefused} "not found" when the user may not read it. */
    public UnitRecord read(LtiPrincipal user, UUID learnerUnitId) {
        LearnerUnit unit = learnerUnits.visible(user, learnerUnitId);
        PortfolioView view = learnerUnits.view(unit);
        List<UnitRecord.AssessedEvidence> assessed = new ArrayList<>();
        int number = 0;
        for (Evidence e : view.evidence()) {
            number++; // counted over all current evidence, as the coverage matrix numbers its columns
            List<UnitRecord.ConfirmedMapping> confirmed = e.mappings().stream()
                    .filter(m -> m.status() == MappingStatus.CONFIRMED)
                    .map(m -> new UnitRecord.ConfirmedMapping(m.itemId(), m.code(), m.reviewedByName(), m.reviewedAt()))
                    .toList();
            if (!confirmed.isEmpty()) {
                assessed.add(new UnitRecord.AssessedEvidence(e.id(), number, e.title(), e.occasionDate(), e.methodList(),
                        e.simulated(), e.location(), confirmed));
            }
        }
        return new UnitRecord(unit, view.unit(), assessed, signature(view, UnitSignature.Kind.DECLARATION),
                signature(view, UnitSignature.Kind.SIGN_OFF), signature(view, UnitSignature.Kind.SIGN_OFF_COUNTERSIGNATURE));
    }

    private static UnitRecord.Signature signature(PortfolioView view, UnitSignature.Kind kind) {
        return view.signature(kind).map(s -> new UnitRecord.Signature(s.signerName(), s.typedName(), s.signedAt()))
                .orElse(null);
    }
}
