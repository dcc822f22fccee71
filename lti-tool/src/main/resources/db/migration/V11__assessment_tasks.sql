-- Assessment tasks: an activity a tutor places by Deep Linking for some criteria of a unit and
-- marks in the LMS gradebook. Attest reads the task's grades back through AGS (on launch, on a
-- schedule, on request) and turns a grade at or above the pass mark into MET decisions.
-- Written to run on H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE assessment_task (
    id                UUID          PRIMARY KEY,
    platform_id       UUID          NOT NULL,
    deployment_id     VARCHAR(255)  NOT NULL,
    context_id        VARCHAR(255)  NOT NULL,
    title             VARCHAR(200)  NOT NULL,
    framework_id      UUID          NOT NULL,
    unit_code         VARCHAR(64)   NOT NULL,
    criteria          VARCHAR(4000) NOT NULL,   -- criterion codes of the unit, comma-separated
    score_maximum     DOUBLE PRECISION NOT NULL,
    pass_mark         DOUBLE PRECISION NOT NULL, -- out of score_maximum
    created_by        VARCHAR(255)  NOT NULL,   -- the tutor's LMS user id; gradebook decisions are theirs
    created_by_name   VARCHAR(255)  NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    copied_from       UUID,                     -- the task this one copies, for an activity copied to another course
    resource_link_id  VARCHAR(255),             -- the activity, once launched; NULL until then
    bound_at          TIMESTAMP WITH TIME ZONE,
    -- Pulling grades: due when next_pull_at has passed; a replica claims the task until claimed_until.
    next_pull_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by        VARCHAR(100),
    claimed_until     TIMESTAMP WITH TIME ZONE,
    last_pull_at      TIMESTAMP WITH TIME ZONE,
    last_error        VARCHAR(2000),
    last_error_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT assessment_task_link UNIQUE (platform_id, resource_link_id)
);
CREATE INDEX assessment_task_course ON assessment_task (platform_id, deployment_id, context_id);
CREATE INDEX assessment_task_due ON assessment_task (next_pull_at);

-- The last grade Attest saw for each learner on a task, so a pull only acts on what changed.
CREATE TABLE assessment_task_grade (
    task_id           UUID          NOT NULL REFERENCES assessment_task (id),
    user_id           VARCHAR(255)  NOT NULL,   -- the learner's LMS user id (LTI subject)
    result_score      DOUBLE PRECISION,         -- NULL: no grade (removed)
    result_maximum    DOUBLE PRECISION,
    result_timestamp  TIMESTAMP WITH TIME ZONE,
    passed            BOOLEAN       NOT NULL,
    applied           BOOLEAN       NOT NULL,   -- MET decisions from this task's pass are in the portfolio
    learner_unit_id   UUID,
    note              VARCHAR(1000),
    seen_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (task_id, user_id)
);

-- Evidence Attest writes itself to record a pass on an assessment task: the learner cannot edit it.
ALTER TABLE evidence ADD COLUMN gradebook_task_id UUID;
CREATE INDEX evidence_gradebook_task ON evidence (learner_unit_id, gradebook_task_id);
