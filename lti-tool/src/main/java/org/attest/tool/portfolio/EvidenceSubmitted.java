package org.attest.tool.portfolio;

import java.util.UUID;

/** A learner added, changed or mapped evidence: the LMS can show work waiting to be marked. */
public record EvidenceSubmitted(UUID learnerUnitId, UUID evidenceId) {
}
