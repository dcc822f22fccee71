-- The assessor's recording documents (issue 14, docs/recording-documents.md "Assessor's records"): assessment action
-- plans, observation records, assessment reports and action plans with feedback, as signed, versioned records.
-- Written to run on H2 (PostgreSQL mode) and PostgreSQL.

-- One version of a record about a learner's unit. A record is a draft until its first signature; a signed record
-- changes only by a new version (same lineage, version + 1), the old one kept and marked superseded.
CREATE TABLE assessor_record (
    id               UUID          PRIMARY KEY,
    lineage_id       UUID          NOT NULL,
    version          INT           NOT NULL,
    kind             VARCHAR(24)   NOT NULL,   -- ASSESSMENT_PLAN, OBSERVATION, ASSESSMENT_REPORT, FEEDBACK
    learner_unit_id  UUID          NOT NULL REFERENCES learner_unit (id),
    platform_id      UUID          NOT NULL,
    deployment_id    VARCHAR(255)  NOT NULL,
    context_id       VARCHAR(255)  NOT NULL,
    learner_name     VARCHAR(255)  NOT NULL,   -- as it was when written, for the record
    unit_code        VARCHAR(64)   NOT NULL,
    assessor_subject VARCHAR(255)  NOT NULL,
    assessor_name    VARCHAR(255)  NOT NULL,
    content          VARCHAR(30000) NOT NULL,  -- the form's fields as JSON (records.internal.RecordContent)
    due_on           DATE,                     -- an assessment action plan's due date
    evidence_id      UUID,                     -- the evidence (method O or Q) the record wrote into the portfolio
    superseded_at    TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT assessor_record_version UNIQUE (lineage_id, version)
);
CREATE INDEX assessor_record_unit ON assessor_record (learner_unit_id, kind);
CREATE INDEX assessor_record_plans ON assessor_record (platform_id, deployment_id, context_id, kind, due_on);

-- A signature on one version: the signer's identity from the launch, the name they typed as intent, the time.
CREATE TABLE record_signature (
    record_id        UUID          NOT NULL REFERENCES assessor_record (id),
    role             VARCHAR(12)   NOT NULL,   -- CANDIDATE, ASSESSOR
    platform_id      UUID          NOT NULL,
    signer_subject   VARCHAR(255)  NOT NULL,
    signer_name      VARCHAR(255)  NOT NULL,
    typed_name       VARCHAR(255)  NOT NULL,
    signed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (record_id, role)
);

-- Evidence linked to the assessment action plan it fulfils (the plan's lineage, so a new version keeps its links).
CREATE TABLE plan_evidence (
    plan_lineage_id  UUID          NOT NULL,
    evidence_id      UUID          NOT NULL REFERENCES evidence (id),
    linked_by        VARCHAR(255)  NOT NULL,
    linked_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (plan_lineage_id, evidence_id)
);
