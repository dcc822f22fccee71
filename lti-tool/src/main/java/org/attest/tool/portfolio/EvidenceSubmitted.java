package org.attest.tool.portfolio;

import java.util.UUID;

/**
 * A learner added, changed or mapped evidence: the LMS can show work waiting to be marked. {@code progress} is where
 * the unit stands now.
 */
public record EvidenceSubmitted(UnitProgress progress, UUID evidenceId) {
}
