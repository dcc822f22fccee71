-- Course rosters read from the LMS through Names and Role Provisioning Services (NRPS), so the
-- caseload lists learners who have never opened Attest and IV sampling can draw on the whole course.
-- Members are never deleted: someone the LMS no longer lists is kept with status 'Deleted', so the
-- caseload can say a learner left rather than lose them, and the history stays for verifiers.
-- Written to run on H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE course_roster_member (
    platform_id    UUID          NOT NULL,
    deployment_id  VARCHAR(255)  NOT NULL,
    context_id     VARCHAR(255)  NOT NULL,
    subject        VARCHAR(255)  NOT NULL,   -- the LMS user id: NRPS user_id, the launch's sub
    name           VARCHAR(500),
    email          VARCHAR(320),
    roles          VARCHAR(4000) NOT NULL,   -- space-separated LIS role URIs (short forms made full)
    is_learner     BOOLEAN       NOT NULL,
    is_instructor  BOOLEAN       NOT NULL,
    status         VARCHAR(16)   NOT NULL,   -- Active, Inactive, Deleted (as NRPS names them)
    first_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at   TIMESTAMP WITH TIME ZONE NOT NULL,   -- the last read that listed them
    PRIMARY KEY (platform_id, deployment_id, context_id, subject)
);

-- One row per course: where its roster is read, how the last read went.
CREATE TABLE course_roster_sync (
    platform_id      UUID          NOT NULL,
    deployment_id    VARCHAR(255)  NOT NULL,
    context_id       VARCHAR(255)  NOT NULL,
    memberships_url  VARCHAR(2000),            -- NRPS context_memberships_url of the last read
    differences_url  VARCHAR(2000),            -- Link rel="differences" of the last successful read
    refreshed_at     TIMESTAMP WITH TIME ZONE, -- last successful read; null until one succeeds
    attempted_at     TIMESTAMP WITH TIME ZONE NOT NULL,  -- last read started; spaces out refreshes on launch
    last_error       VARCHAR(2000),            -- why the last read failed; null after a success
    member_count     INT           DEFAULT 0 NOT NULL,   -- members not Deleted after the last successful read
    PRIMARY KEY (platform_id, deployment_id, context_id)
);
