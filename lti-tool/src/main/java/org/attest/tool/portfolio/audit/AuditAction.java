package org.attest.tool.portfolio.audit;


/** What an audit event records. Stored by name (at most 40 characters), so names are never changed or reused. */
public enum AuditAction {
    EVIDENCE_ADDED,
    EVIDENCE_EDITED,
    EVIDENCE_NEW_VERSION,
    EVIDENCE_MAPPED,
    MAPPING_CONFIRMED,
    MAPPING_REJECTED,
    DECISION_RECORDED,
    DECISION_COUNTERSIGNED,
    DECLARATION_SIGNED,
    DECLARATION_WITHDRAWN,
    UNIT_SIGNED_OFF,
    SIGN_OFF_COUNTERSIGNED,
    FRAMEWORK_IMPORTED,
    LEARNERS_MOVED_TO_NEW_VERSION,
    QUALITY_HOLD_PLACED,
    QUALITY_HOLD_RELEASED
}
