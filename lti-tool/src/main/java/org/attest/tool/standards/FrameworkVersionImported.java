package org.attest.tool.standards;

import java.util.Set;
import java.util.UUID;

/**
 * A framework version was imported and is now the current one; published inside the import's
 * transaction, so a {@code @TransactionalEventListener} hears it only once the version is committed.
 * Criteria are named by their stable ids, which unchanged criteria keep from version to version.
 *
 * @param previousVersionId the version this one replaced; {@code null} when the framework is new to
 *     Attest, and then the three sets are empty (nobody can have evidence against it yet)
 */
public record FrameworkVersionImported(UUID frameworkId, UUID previousVersionId, UUID versionId, Set<UUID> changedCriteria,
        Set<UUID> addedCriteria, Set<UUID> removedCriteria) {

    public FrameworkVersionImported {
        changedCriteria = Set.copyOf(changedCriteria);
        addedCriteria = Set.copyOf(addedCriteria);
        removedCriteria = Set.copyOf(removedCriteria);
    }
}
