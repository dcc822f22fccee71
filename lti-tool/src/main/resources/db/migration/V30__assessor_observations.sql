-- An IQA observing an assessor assessing a learner (interim sampling; docs/quality-assurance.md). Written to run on
-- H2 (PostgreSQL mode) and PostgreSQL.

-- One observation of an assessor's practice: who observed whom, where, how, what was seen, the outcome and the
-- feedback; optionally the learner unit being assessed and the interim plan it belongs to. An IQA working towards
-- their qualification has a qualified IQA countersign, as with their decisions.
CREATE TABLE assessor_observation (
    id               UUID          PRIMARY KEY,
    platform_id      UUID          NOT NULL,
    plan_id          UUID          REFERENCES sampling_plan (id),
    iqa_subject      VARCHAR(255)  NOT NULL,
    iqa_name         VARCHAR(255)  NOT NULL,
    assessor_subject VARCHAR(255)  NOT NULL,
    assessor_name    VARCHAR(255)  NOT NULL,
    learner_unit_id  UUID,
    learner_name     VARCHAR(255),              -- as it was when observed, for the record
    unit_code        VARCHAR(64),
    observed_on      DATE          NOT NULL,
    method           VARCHAR(40)   NOT NULL,   -- org.attest.standards.AssessmentMethod
    site             VARCHAR(200)  NOT NULL,
    observed         VARCHAR(4000) NOT NULL,
    outcome          VARCHAR(24)   NOT NULL,   -- MEETS_STANDARD, DEVELOPMENT_NEEDED
    feedback         VARCHAR(4000) NOT NULL,
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    countersign_needed BOOLEAN     NOT NULL,
    countersigned_by VARCHAR(255),
    countersigned_name VARCHAR(255),
    countersigned_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX assessor_observation_assessor ON assessor_observation (platform_id, assessor_subject, observed_on);
CREATE INDEX assessor_observation_plan ON assessor_observation (plan_id);

-- Action points from an observation, with a due date: the assessor says when done, the IQA closes them.
CREATE TABLE observation_action (
    id               UUID          PRIMARY KEY,
    observation_id   UUID          NOT NULL REFERENCES assessor_observation (id),
    platform_id      UUID          NOT NULL,
    assessor_subject VARCHAR(255)  NOT NULL,
    text             VARCHAR(2000) NOT NULL,
    due_on           DATE          NOT NULL,
    done_at          TIMESTAMP WITH TIME ZONE,
    done_note        VARCHAR(2000),
    closed_at        TIMESTAMP WITH TIME ZONE,
    closed_by        VARCHAR(255)
);
CREATE INDEX observation_action_assessor ON observation_action (platform_id, assessor_subject, closed_at);
CREATE INDEX observation_action_observation ON observation_action (observation_id);
