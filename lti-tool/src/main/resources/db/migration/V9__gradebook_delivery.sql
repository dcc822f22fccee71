-- Gradebook delivery. Each launch leaves the AGS and NRPS endpoints the platform offered for its
-- activity (resource link), so scores can be sent and rosters read when nobody is launching.
-- Every score Attest sends goes through score_outbox, written in the same transaction as the
-- change that caused it; delivery workers on any replica claim rows with FOR UPDATE SKIP LOCKED.
-- Written to run on H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE lti_link_service (
    platform_id       UUID          NOT NULL,
    resource_link_id  VARCHAR(255)  NOT NULL,
    deployment_id     VARCHAR(255)  NOT NULL,
    context_id        VARCHAR(255)  NOT NULL,
    line_items_url    VARCHAR(2000),          -- AGS lineitems: the course's line items service
    line_item_url     VARCHAR(2000),          -- AGS lineitem: this activity's own column, when the launch names it
    ags_scopes        VARCHAR(2000),          -- space-separated scopes the platform granted
    memberships_url   VARCHAR(2000),          -- NRPS context_memberships_url
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (platform_id, resource_link_id)
);
CREATE INDEX lti_link_service_course ON lti_link_service (platform_id, deployment_id, context_id);

-- One score for one learner on one activity's column. Only the newest score per (platform, activity,
-- learner) has to arrive: enqueueing a newer one supersedes older rows nobody is sending yet.
CREATE TABLE score_outbox (
    id                 UUID           PRIMARY KEY,
    platform_id        UUID           NOT NULL,
    resource_link_id   VARCHAR(255)   NOT NULL,
    user_id            VARCHAR(255)   NOT NULL,
    learner_unit_id    UUID,
    reason             VARCHAR(32)    NOT NULL,   -- EVIDENCE_SUBMITTED, PROGRESS, SIGNED_OFF, ...
    score_given        DOUBLE PRECISION,
    score_maximum      DOUBLE PRECISION,
    comment            VARCHAR(1000),
    activity_progress  VARCHAR(16)    NOT NULL,
    grading_progress   VARCHAR(16)    NOT NULL,
    score_timestamp    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    state              VARCHAR(16)    NOT NULL,   -- PENDING, DELIVERED, FAILED, SUPERSEDED
    attempts           INT            NOT NULL,
    next_attempt_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    claimed_by         VARCHAR(100),
    claimed_until      TIMESTAMP(6) WITH TIME ZONE,
    last_status        INT,
    last_error         VARCHAR(2000),
    created_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at        TIMESTAMP(6) WITH TIME ZONE
);
CREATE INDEX score_outbox_due ON score_outbox (state, next_attempt_at);
CREATE INDEX score_outbox_key ON score_outbox (platform_id, resource_link_id, user_id, state);
