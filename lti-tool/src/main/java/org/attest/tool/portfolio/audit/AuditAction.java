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
    QUALITY_HOLD_RELEASED,
    /** An external verifier (EQA) opened a page or file; the detail names the path (never the session token). */
    EXTERNAL_VIEW,
    EQA_GRANT_CREATED,
    EQA_GRANT_REVOKED,
    EQA_LINK_REISSUED,
    EQA_SIGNED_IN,
    EQA_SIGN_IN_REFUSED,
    EQA_REPORT_WRITTEN,
    EQA_PASSKEY_ADDED,
    EQA_PASSKEY_REMOVED,
    /** Internal quality assurance (the quality module): an IQA named or changed, a plan, its sample, decisions. */
    IQA_APPOINTED,
    /** A centre entered or changed a learner's ULN, employer or assessment site (the quality module's learner details). */
    LEARNER_DETAILS_CHANGED,
    IQA_PLAN_MADE,
    IQA_SAMPLE_TAKEN,
    IQA_SAMPLE_CHANGED,
    IQA_PLAN_CLOSED,
    IQA_DECIDED,
    IQA_ACTION_DONE,
    IQA_DECISION_COUNTERSIGNED,
    /** An IQA observed an assessor's practice; a qualified IQA countersigned it; an IQA closed its action point. */
    IQA_OBSERVATION_RECORDED,
    IQA_OBSERVATION_COUNTERSIGNED,
    IQA_OBSERVATION_ACTION_CLOSED,
    /** Witnesses (issue 14): an assessor made a one-time link for a witness; the witness opened, confirmed, declined. */
    WITNESS_LINK_ISSUED,
    WITNESS_LINK_OPENED,
    WITNESS_CONFIRMED,
    WITNESS_DECLINED,
    /** A witness link refused: unknown or tampered token, used, expired, or its statement changed since. */
    WITNESS_LINK_REFUSED,
    /** An assessor signed a learner unit's witness status list (the detail has the hash of the list as signed). */
    WITNESS_LIST_SIGNED,
    /** An assessor wrote a (new version of a) record of expert witness; the expert, an IQA or the candidate signed it. */
    EXPERT_WITNESS_RECORDED,
    EXPERT_WITNESS_SIGNED,
    /** The assessor's recording documents (the records module): a record written, edited as a draft, signed, versioned. */
    RECORD_WRITTEN,
    RECORD_EDITED,
    RECORD_SIGNED,
    RECORD_NEW_VERSION,
    /** The assessor discarded a draft that nobody had signed (an earlier signed version, if any, is current again). */
    RECORD_DISCARDED,
    /** Evidence linked to the assessment action plan it fulfils. */
    RECORD_EVIDENCE_LINKED,
    /**
     * Someone exported the learner unit (a ZIP with its evidence and audit entries): the detail says which export
     * ({@code unit}, {@code learner}, {@code course}, {@code grant}), the exporter's role and how many units it held.
     */
    PORTFOLIO_EXPORTED
}
