-- Portfolio: units bound to LMS activities, each learner's portfolio for a unit, evidence (versioned,
-- with files and mappings to criteria and range items), assessor decisions, signatures and the
-- assessors' qualified status. Every row carries or reaches its tenant (platform + deployment) and
-- course (context), so every query can be scoped to them.
-- Written to run on H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE unit_binding (
    platform_id       UUID         NOT NULL,
    resource_link_id  VARCHAR(255) NOT NULL,
    deployment_id     VARCHAR(255) NOT NULL,
    context_id        VARCHAR(255) NOT NULL,
    framework_id      UUID         NOT NULL,
    unit_code         VARCHAR(64)  NOT NULL,
    title             VARCHAR(500),
    bound_by          VARCHAR(255) NOT NULL,
    bound_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (platform_id, resource_link_id)
);
CREATE INDEX unit_binding_course ON unit_binding (platform_id, deployment_id, context_id);

-- One learner working towards one unit in one course. Progress columns are the completion
-- engine's last verdict, kept so the caseload of a large course is one indexed query.
CREATE TABLE learner_unit (
    id                UUID         PRIMARY KEY,
    platform_id       UUID         NOT NULL,
    deployment_id     VARCHAR(255) NOT NULL,
    context_id        VARCHAR(255) NOT NULL,
    learner_subject   VARCHAR(255) NOT NULL,
    learner_name      VARCHAR(255) NOT NULL,
    framework_id      UUID         NOT NULL,
    unit_code         VARCHAR(64)  NOT NULL,
    version_id        UUID         NOT NULL,
    criteria_met      INT          NOT NULL,
    criteria_total    INT          NOT NULL,
    ready_for_sign_off BOOLEAN     NOT NULL,
    complete          BOOLEAN      NOT NULL,
    awaiting_review   INT          NOT NULL,      -- claimed mappings no assessor has looked at yet
    last_activity_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT learner_unit_once UNIQUE (platform_id, deployment_id, context_id, learner_subject, framework_id, unit_code)
);
CREATE INDEX learner_unit_course ON learner_unit (platform_id, deployment_id, context_id, unit_code);
CREATE INDEX learner_unit_framework ON learner_unit (framework_id);

-- Evidence is versioned: editing evidence an assessor has looked at writes a new version (same
-- lineage, version + 1) and leaves the old one as it was.
CREATE TABLE evidence (
    id                    UUID         PRIMARY KEY,
    learner_unit_id       UUID         NOT NULL REFERENCES learner_unit (id),
    lineage_id            UUID         NOT NULL,
    version               INT          NOT NULL,
    is_current            BOOLEAN      NOT NULL,
    status                VARCHAR(16)  NOT NULL,   -- SUBMITTED, ASSESSED
    title                 VARCHAR(200) NOT NULL,
    account               VARCHAR(20000),
    occasion_date         DATE         NOT NULL,
    methods               VARCHAR(200) NOT NULL,   -- assessment method codes, comma-separated
    customer_reference    VARCHAR(200),
    customer_descriptor   VARCHAR(500),
    simulated             BOOLEAN      NOT NULL,
    location              VARCHAR(200),
    witness_name          VARCHAR(200),
    witness_contact       VARCHAR(200),
    witness_status        INT,
    witness_relationship  VARCHAR(200),
    witness_signed_name   VARCHAR(200),
    witness_signed_on     DATE,
    created_by            VARCHAR(255) NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT evidence_version UNIQUE (lineage_id, version)
);
CREATE INDEX evidence_learner_unit ON evidence (learner_unit_id, is_current);

CREATE TABLE evidence_file (
    id             UUID          PRIMARY KEY,
    evidence_id    UUID          NOT NULL REFERENCES evidence (id),
    storage_key    VARCHAR(200)  NOT NULL,
    file_name      VARCHAR(200)  NOT NULL,
    content_type   VARCHAR(200)  NOT NULL,
    size_bytes     BIGINT        NOT NULL,
    sha256         VARCHAR(64)   NOT NULL,
    uploaded_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX evidence_file_evidence ON evidence_file (evidence_id);

CREATE TABLE evidence_mapping (
    evidence_id     UUID         NOT NULL REFERENCES evidence (id),
    item_id         UUID         NOT NULL,        -- a criterion or range item of the unit
    item_kind       VARCHAR(16)  NOT NULL,        -- CRITERION, RANGE
    item_code       VARCHAR(64)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,        -- CLAIMED, CONFIRMED, REJECTED
    claimed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    reviewed_by     VARCHAR(255),
    reviewed_by_name VARCHAR(255),
    reviewed_at     TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (evidence_id, item_id)
);

-- Decisions are never updated in place apart from countersignature and review flags: a new
-- decision on a criterion supersedes the previous one (is_current false).
CREATE TABLE assessment_decision (
    id                     UUID          PRIMARY KEY,
    learner_unit_id        UUID          NOT NULL REFERENCES learner_unit (id),
    criterion_id           UUID          NOT NULL,
    criterion_code         VARCHAR(64)   NOT NULL,
    outcome                VARCHAR(16)   NOT NULL,   -- MET, NOT_YET
    feedback               VARCHAR(4000),
    evidence_relied_on     VARCHAR(4000) NOT NULL,   -- evidence version ids, comma-separated
    source                 VARCHAR(16)   NOT NULL,   -- ASSESSOR, GRADEBOOK
    assessor_subject       VARCHAR(255)  NOT NULL,
    assessor_name          VARCHAR(255)  NOT NULL,
    countersignature_needed BOOLEAN      NOT NULL,
    countersigned_by       VARCHAR(255),
    countersigned_by_name  VARCHAR(255),
    countersigned_at       TIMESTAMP WITH TIME ZONE,
    needs_review           BOOLEAN       NOT NULL,
    is_current             BOOLEAN       NOT NULL,
    decided_at             TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX decision_learner_unit ON assessment_decision (learner_unit_id, is_current);

-- Declarations, sign-offs and their countersignatures. A signature is withdrawn, never deleted.
CREATE TABLE unit_signature (
    id               UUID          PRIMARY KEY,
    learner_unit_id  UUID          NOT NULL REFERENCES learner_unit (id),
    kind             VARCHAR(32)   NOT NULL,   -- DECLARATION, SIGN_OFF, SIGN_OFF_COUNTERSIGNATURE
    signer_subject   VARCHAR(255)  NOT NULL,
    signer_name      VARCHAR(255)  NOT NULL,
    typed_name       VARCHAR(255)  NOT NULL,
    statement        VARCHAR(2000) NOT NULL,
    needs_countersignature BOOLEAN NOT NULL,
    signed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    withdrawn_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX unit_signature_learner_unit ON unit_signature (learner_unit_id);

-- Assessors a centre has flagged: unqualified assessors' decisions need a qualified countersignature.
CREATE TABLE assessor_status (
    platform_id   UUID          NOT NULL,
    subject       VARCHAR(255)  NOT NULL,
    name          VARCHAR(255),
    qualified     BOOLEAN       NOT NULL,
    updated_by    VARCHAR(255)  NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (platform_id, subject)
);
