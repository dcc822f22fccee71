package org.attest.tool.portfolio.internal;


/** A learner's claim that evidence proves a criterion or covers a range item, and the assessor's view of it. */
public enum MappingStatus {
    /** The learner mapped it; no assessor has looked yet. */
    CLAIMED,
    /** An assessor agreed the evidence proves the criterion or covers the item. */
    CONFIRMED,
    /** An assessor disagreed. */
    REJECTED
}
