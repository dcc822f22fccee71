package org.attest.tool.portfolio.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.audit.AuditAction;
import org.attest.tool.standards.FrameworkCatalog.PlaceableUnit;
import org.attest.tool.standards.FrameworkCatalog;
import org.attest.tool.standards.FrameworkVersionImported;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Moves learners to a new version of their unit's framework. Decisions on unchanged criteria stay as
 * they are; decisions on criteria whose statement changed are flagged for the assessor to review, and
 * count again only once the assessor decides afresh.
 */
@Component
class FrameworkUpgrades {

    private final LearnerUnitStore learnerUnits;
    private final DecisionStore decisions;
    private final FrameworkCatalog catalog;
    private final PortfolioChanges changes;
    private final Clock clock;

    FrameworkUpgrades(LearnerUnitStore learnerUnits, DecisionStore decisions, FrameworkCatalog catalog,
            PortfolioChanges changes, Clock clock) {
        this.learnerUnits = learnerUnits;
        this.decisions = decisions;
        this.catalog = catalog;
        this.changes = changes;
        this.clock = clock;
    }

    @EventListener
    public void on(FrameworkVersionImported imported) {
        if (imported.previousVersionId() == null) {
            return;
        }
        changes.inTransaction(() -> {
            for (UUID id : learnerUnits.onFramework(imported.frameworkId())) {
                LearnerUnit unit = learnerUnits.byId(id).orElseThrow();
                // Read by version id: the new version is visible in this transaction before any cache hears of it.
                PlaceableUnit next = catalog.unit(imported.versionId(), unit.unitCode()).orElse(null);
                if (next == null) {
                    continue; // the unit is gone from the new version: its learners stay on the version they have
                }
                learnerUnits.moveToVersion(id, next.versionId());
                int flagged = 0;
                for (UUID criterion : imported.changedCriteria()) {
                    flagged += decisions.flagForReview(id, criterion);
                }
                Instant at = clock.instant();
                changes.finish(movedTo(unit, next.versionId()), List.of(new Audited("attest", "Attest", AuditAction.LEARNERS_MOVED_TO_NEW_VERSION,
                        Map.of("fromVersion", unit.versionId().toString(), "toVersion", next.versionId().toString(),
                                "decisionsToReview", flagged, "at", at.toString()))), null);
            }
        });
    }

    /** The unit as {@code moveToVersion} left its row, so its counts are computed against the new version. */
    private static LearnerUnit movedTo(LearnerUnit unit, UUID versionId) {
        return new LearnerUnit(unit.id(), unit.course(), unit.learnerSubject(), unit.learnerName(), unit.frameworkId(),
                unit.unitCode(), versionId, unit.criteriaMet(), unit.criteriaTotal(), unit.readyForSignOff(), unit.complete(),
                unit.awaitingReview(), unit.lastActivityAt());
    }
}
