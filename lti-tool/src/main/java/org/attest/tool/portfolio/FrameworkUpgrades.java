package org.attest.tool.portfolio;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.attest.tool.standards.FrameworkCatalog;
import org.attest.tool.standards.FrameworkCatalog.PlaceableUnit;
import org.attest.tool.standards.FrameworkVersionImported;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves learners to a new version of their unit's framework. Decisions on unchanged criteria stay as
 * they are; decisions on criteria whose statement changed are flagged for the assessor to review, and
 * count again only once the assessor decides afresh.
 */
@Component
class FrameworkUpgrades {

    private final JdbcClient jdbc;
    private final FrameworkCatalog catalog;
    private final LearnerUnits learnerUnits;
    private final AuditTrail audit;
    private final Clock clock;

    FrameworkUpgrades(JdbcClient jdbc, FrameworkCatalog catalog, LearnerUnits learnerUnits, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.learnerUnits = learnerUnits;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    @Transactional
    public void on(FrameworkVersionImported imported) {
        if (imported.previousVersionId() == null) {
            return;
        }
        for (UUID id : learnerUnits.onFramework(imported.frameworkId())) {
            LearnerUnit unit = learnerUnits.find(id);
            // Read by version id: the new version is visible in this transaction before any cache hears of it.
            PlaceableUnit next = catalog.unit(imported.versionId(), unit.unitCode()).orElse(null);
            if (next == null) {
                continue; // the unit is gone from the new version: its learners stay on the version they have
            }
            jdbc.sql("UPDATE learner_unit SET version_id = ? WHERE id = ?").params(next.versionId(), id).update();
            int flagged = 0;
            for (UUID criterion : imported.changedCriteria()) {
                flagged += jdbc.sql("""
                        UPDATE assessment_decision SET needs_review = TRUE
                        WHERE learner_unit_id = ? AND criterion_id = ? AND is_current = TRUE""")
                        .params(id, criterion).update();
            }
            Course course = unit.course();
            audit.append(new AuditEntry(course.platformId(), course.deploymentId(), course.contextId(), "attest",
                    "Attest", AuditAction.LEARNERS_MOVED_TO_NEW_VERSION, id,
                    java.util.Map.of("fromVersion", unit.versionId().toString(), "toVersion", next.versionId().toString(),
                            "decisionsToReview", flagged, "at", Timestamp.from(clock.instant()).toInstant().toString())));
            learnerUnits.refresh(id);
        }
    }
}
