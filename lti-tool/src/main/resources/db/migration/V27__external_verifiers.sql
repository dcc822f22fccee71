-- External quality assurance (issue 13, the quality module, docs/quality-assurance-eqa.md). Written to run on H2
-- (PostgreSQL mode) and PostgreSQL.

-- A centre administrator's grant to an external verifier (EQA) of an awarding body: which qualification and units,
-- every learner unit of them in the centre or only a sampling plan's sample, from when until when. The EQA signs in
-- with a one-time link plus an access code given out of band; only their SHA-256 hashes are stored.
CREATE TABLE eqa_grant (
    id               UUID          PRIMARY KEY,
    platform_id      UUID          NOT NULL,
    name             VARCHAR(200)  NOT NULL,
    email            VARCHAR(254)  NOT NULL,   -- shown to the centre only; Attest sends nothing
    awarding_body    VARCHAR(200)  NOT NULL,
    framework_id     UUID          NOT NULL,
    unit_codes       VARCHAR(1000) NOT NULL,   -- space-separated unit codes; empty: every unit of the qualification
    plan_id          UUID          REFERENCES sampling_plan (id),   -- set: only that plan's sample
    starts_on        DATE          NOT NULL,
    ends_on          DATE          NOT NULL,   -- inclusive
    link_hash        CHAR(64),                 -- the current one-time link; null once used
    code_hash        CHAR(64)      NOT NULL,
    link_issued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    failed_attempts  INT           NOT NULL DEFAULT 0,
    locked_at        TIMESTAMP WITH TIME ZONE,  -- 5 wrong codes: the admin must issue a new link
    revoked_at       TIMESTAMP WITH TIME ZONE,
    revoked_by       VARCHAR(255),
    created_by       VARCHAR(255)  NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CHECK (ends_on >= starts_on)
);
CREATE INDEX eqa_grant_platform ON eqa_grant (platform_id, created_at);
CREATE UNIQUE INDEX eqa_grant_link ON eqa_grant (link_hash);

-- An EQA's visit report for the centre, with its outcome and the actions the centre must take.
CREATE TABLE eqa_report (
    id               UUID          PRIMARY KEY,
    grant_id         UUID          NOT NULL REFERENCES eqa_grant (id),
    platform_id      UUID          NOT NULL,
    visit_on         DATE          NOT NULL,
    summary          VARCHAR(8000) NOT NULL,
    outcome          VARCHAR(40)   NOT NULL,   -- EqaOutcome
    written_by       VARCHAR(200)  NOT NULL,
    written_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX eqa_report_platform ON eqa_report (platform_id, written_at);

CREATE TABLE eqa_report_action (
    report_id        UUID          NOT NULL REFERENCES eqa_report (id),
    position         INT           NOT NULL,
    text             VARCHAR(2000) NOT NULL,
    due_on           DATE          NOT NULL,
    PRIMARY KEY (report_id, position)
);
