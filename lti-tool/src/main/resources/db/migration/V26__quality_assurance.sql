-- Internal quality assurance (the quality module, docs/quality-assurance.md). Written to run on H2 (PostgreSQL mode)
-- and PostgreSQL.

-- The people a centre (platform) has named internal quality assurers. They are LMS users who launched Attest as
-- tutors; the centre administrator marks them. An IQA working towards their qualification has a qualified IQA
-- countersign, as trainee assessors do.
CREATE TABLE iqa_person (
    platform_id      UUID          NOT NULL,
    subject          VARCHAR(255)  NOT NULL,
    name             VARCHAR(255)  NOT NULL,
    qualification    VARCHAR(100)  NOT NULL,   -- as the centre records it: TAQA Level 4, V1, D34
    working_towards  BOOLEAN       NOT NULL,
    lead             BOOLEAN       NOT NULL,
    active           BOOLEAN       NOT NULL,   -- an IQA who stops is kept (their records name them), not deleted
    updated_by       VARCHAR(255)  NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (platform_id, subject)
);

-- A centre's sampling plan for one qualification (framework): interim (work in progress) or summative (after
-- sign-off, before the certificate claim), with the rates it samples at and the seed that makes its proposal
-- reproducible.
CREATE TABLE sampling_plan (
    id               UUID          PRIMARY KEY,
    platform_id      UUID          NOT NULL,
    framework_id     UUID          NOT NULL,
    deployment_id    VARCHAR(255),              -- with context_id: one course (a cohort); both null: the whole centre
    context_id       VARCHAR(255),
    title            VARCHAR(200)  NOT NULL,
    stage            VARCHAR(16)   NOT NULL,   -- INTERIM, SUMMATIVE
    base_rate        INT           NOT NULL CHECK (base_rate BETWEEN 1 AND 100),
    raised_rate      INT           NOT NULL CHECK (raised_rate BETWEEN 1 AND 100),
    raised_for_months INT          NOT NULL CHECK (raised_for_months BETWEEN 1 AND 60),
    seed             BIGINT        NOT NULL,
    created_by       VARCHAR(255)  NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sampling_plan_platform ON sampling_plan (platform_id, created_at);

-- The learner units a plan samples: proposed by the rules (with the reasons in words) or added by an IQA, and
-- where each stands. An item taken out of the sample is kept with the reason.
CREATE TABLE sample_item (
    plan_id          UUID          NOT NULL REFERENCES sampling_plan (id),
    learner_unit_id  UUID          NOT NULL,
    origin           VARCHAR(16)   NOT NULL,   -- PROPOSED, ADDED
    reasons          VARCHAR(4000) NOT NULL,
    status           VARCHAR(16)   NOT NULL,   -- TO_VERIFY, AGREED, NOT_AGREED, REMOVED
    changed_by       VARCHAR(255)  NOT NULL,
    changed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (plan_id, learner_unit_id)
);
CREATE INDEX sample_item_learner_unit ON sample_item (learner_unit_id);

-- An IQA's decision on a sampled learner unit: agree, or not agree with reasons per criterion, and feedback to the
-- assessor. A unit can be verified more than once (interim, then summative; again after the assessor acted).
CREATE TABLE iqa_review (
    id               UUID          PRIMARY KEY,
    platform_id      UUID          NOT NULL,
    learner_unit_id  UUID          NOT NULL,
    plan_id          UUID          REFERENCES sampling_plan (id),
    stage            VARCHAR(16)   NOT NULL,
    iqa_subject      VARCHAR(255)  NOT NULL,
    iqa_name         VARCHAR(255)  NOT NULL,
    assessor_subject VARCHAR(255),
    assessor_name    VARCHAR(255),
    outcome          VARCHAR(16)   NOT NULL,   -- AGREE, NOT_AGREE
    feedback         VARCHAR(4000) NOT NULL,
    reviewed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    countersign_needed BOOLEAN     NOT NULL,    -- the IQA is working towards their qualification
    countersigned_by VARCHAR(255),
    countersigned_name VARCHAR(255),
    countersigned_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX iqa_review_learner_unit ON iqa_review (learner_unit_id, reviewed_at);
CREATE INDEX iqa_review_platform ON iqa_review (platform_id, reviewed_at);

CREATE TABLE iqa_review_criterion (
    review_id        UUID          NOT NULL REFERENCES iqa_review (id),
    criterion_id     UUID          NOT NULL,
    criterion_code   VARCHAR(64)   NOT NULL,
    reason           VARCHAR(2000) NOT NULL,
    PRIMARY KEY (review_id, criterion_id)
);

-- Action points an IQA sets the assessor, with a due date, and their closure.
CREATE TABLE iqa_action (
    id               UUID          PRIMARY KEY,
    review_id        UUID          NOT NULL REFERENCES iqa_review (id),
    platform_id      UUID          NOT NULL,
    learner_unit_id  UUID          NOT NULL,
    assessor_subject VARCHAR(255),
    text             VARCHAR(2000) NOT NULL,
    due_on           DATE          NOT NULL,
    done_at          TIMESTAMP WITH TIME ZONE,   -- the assessor says it is done
    done_note        VARCHAR(2000),
    closed_at        TIMESTAMP WITH TIME ZONE,   -- the IQA accepts it
    closed_by        VARCHAR(255)
);
CREATE INDEX iqa_action_assessor ON iqa_action (platform_id, assessor_subject, closed_at);
CREATE INDEX iqa_action_review ON iqa_action (review_id);

-- A learner's Unique Learner Number, for the certificate claim: from the launch (a custom parameter the LMS fills,
-- such as uln=$Person.sourcedId in Moodle) or entered by the centre. Checked against the ULN check digit.
CREATE TABLE learner_uln (
    platform_id      UUID          NOT NULL,
    learner_subject  VARCHAR(255)  NOT NULL,
    uln              CHAR(10)      NOT NULL,
    source           VARCHAR(16)   NOT NULL,   -- LAUNCH, ENTERED
    updated_by       VARCHAR(255)  NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (platform_id, learner_subject)
);
