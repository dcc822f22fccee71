-- Witnesses (issue 14): the witness's own confirmation of a piece of evidence, given through a one-time link
-- (module witnesses), recorded on the evidence version it confirms. An edit in place clears it; a new version starts
-- without it: a changed statement must be confirmed again.
ALTER TABLE evidence ADD COLUMN witness_confirmed_name VARCHAR(200);
ALTER TABLE evidence ADD COLUMN witness_confirmed_at TIMESTAMP WITH TIME ZONE;

-- One-time links for a witness (no LMS account) to read one statement and confirm or decline it. Only the SHA-256 of
-- the link's token is stored; statement_hash is what the witness was asked to confirm, so a statement changed since the
-- link was made kills the link.
CREATE TABLE witness_link (
    id               UUID          PRIMARY KEY,
    platform_id      UUID          NOT NULL,
    learner_unit_id  UUID          NOT NULL REFERENCES learner_unit (id),
    evidence_id      UUID          REFERENCES evidence (id),
    expert_record_id UUID,
    statement_kind   VARCHAR(20)   NOT NULL,           -- EVIDENCE (evidence_id) or EXPERT (expert_record_id)
    witness_name     VARCHAR(200)  NOT NULL,
    token_hash       VARCHAR(64)   NOT NULL,
    statement_hash   VARCHAR(64)   NOT NULL,
    include_files    BOOLEAN       NOT NULL DEFAULT FALSE,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by       VARCHAR(255)  NOT NULL,
    created_by_name  VARCHAR(200),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    first_opened_at  TIMESTAMP WITH TIME ZONE,
    outcome          VARCHAR(20),                       -- null while open; CONFIRMED, DECLINED, REPLACED
    typed_name       VARCHAR(200),
    decline_reason   VARCHAR(2000),
    answered_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT witness_link_token UNIQUE (token_hash)
);
CREATE INDEX witness_link_unit ON witness_link (learner_unit_id, created_at);

-- The assessor's signature of a learner unit's witness status list. The list is generated from the evidence; the
-- signature keeps the hash of the list as signed, so a list that changed since shows as needing a new signature, and
-- each signature is a new version (never updated).
CREATE TABLE witness_list_signature (
    id               UUID          PRIMARY KEY,
    learner_unit_id  UUID          NOT NULL REFERENCES learner_unit (id),
    version          INT           NOT NULL,
    list_hash        VARCHAR(64)   NOT NULL,
    signer_subject   VARCHAR(255)  NOT NULL,
    signer_name      VARCHAR(200),
    typed_name       VARCHAR(200)  NOT NULL,
    signed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT witness_list_signature_version UNIQUE (learner_unit_id, version)
);

-- Record of expert witness and expert witness statement (Appendix 2): one row per version of a lineage; a signed
-- version is never changed, an edit makes the next version, which needs its signatures again.
CREATE TABLE expert_witness (
    id                     UUID          PRIMARY KEY,
    lineage_id             UUID          NOT NULL,
    version                INT           NOT NULL,
    is_current             BOOLEAN       NOT NULL,
    platform_id            UUID          NOT NULL,
    learner_unit_id        UUID          NOT NULL REFERENCES learner_unit (id),
    witness_name           VARCHAR(200)  NOT NULL,
    witness_position       VARCHAR(200),
    witness_relationship   VARCHAR(200),
    witness_contact        VARCHAR(200),
    site                   VARCHAR(200)  NOT NULL,
    supervisory_years      BOOLEAN       NOT NULL,
    supervisory_evidence   VARCHAR(2000),
    knows_standards        BOOLEAN       NOT NULL,
    knows_standards_evidence VARCHAR(2000),
    cpd                    BOOLEAN       NOT NULL,
    cpd_evidence           VARCHAR(2000),
    desirable_qualification VARCHAR(2000),
    standards_reference    VARCHAR(2000) NOT NULL,
    skills_knowledge       VARCHAR(2000),
    venue                  VARCHAR(200),
    activity_at            TIMESTAMP WITH TIME ZONE,
    candidate_statement    VARCHAR(20000),
    activity_description   VARCHAR(20000),
    witness_statement      VARCHAR(20000),
    assessor_subject       VARCHAR(255)  NOT NULL,
    assessor_name          VARCHAR(200),
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    witness_typed_name     VARCHAR(200),
    witness_signed_at      TIMESTAMP WITH TIME ZONE,
    iv_subject             VARCHAR(255),
    iv_name                VARCHAR(200),
    iv_typed_name          VARCHAR(200),
    iv_signed_at           TIMESTAMP WITH TIME ZONE,
    candidate_typed_name   VARCHAR(200),
    candidate_signed_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT expert_witness_version UNIQUE (lineage_id, version)
);
CREATE INDEX expert_witness_unit ON expert_witness (learner_unit_id, is_current);
