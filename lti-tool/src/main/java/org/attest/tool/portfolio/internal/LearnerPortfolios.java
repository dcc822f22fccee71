package org.attest.tool.portfolio.internal;

import java.util.Optional;
import java.util.UUID;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.standards.FrameworkCatalog;
import org.attest.tool.standards.FrameworkCatalog.PlaceableUnit;
import org.springframework.stereotype.Component;

/** Reads a learner's portfolio whole, in one set of queries, against the framework version the learner is on. */
@Component
public class LearnerPortfolios {

    private final LearnerUnitStore learnerUnits;
    private final EvidenceStore evidence;
    private final DecisionStore decisions;
    private final SignatureStore signatures;
    private final FrameworkCatalog catalog;

    LearnerPortfolios(LearnerUnitStore learnerUnits, EvidenceStore evidence, DecisionStore decisions,
            SignatureStore signatures, FrameworkCatalog catalog) {
        this.learnerUnits = learnerUnits;
        this.evidence = evidence;
        this.decisions = decisions;
        this.signatures = signatures;
        this.catalog = catalog;
    }

    public Optional<LearnerPortfolio> byId(UUID learnerUnitId) {
        return learnerUnits.byId(learnerUnitId).map(this::of);
    }

    public LearnerPortfolio of(LearnerUnit unit) {
        PlaceableUnit placed = placed(unit);
        return new LearnerPortfolio(unit, placed.framework(), placed.unit(), evidence.currentEvidence(unit.id()),
                decisions.currentDecisions(unit.id()), signatures.signatures(unit.id()));
    }

    /** The learner's unit in the framework version they are assessed against. */
    public PlaceableUnit placed(LearnerUnit unit) {
        return catalog.unit(unit.versionId(), unit.unitCode())
                .orElseThrow(() -> new IllegalStateException("framework version " + unit.versionId() + " of unit "
                        + unit.unitCode() + " is missing from the catalogue"));
    }
}
