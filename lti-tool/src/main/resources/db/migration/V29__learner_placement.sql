-- Where a learner works and is assessed, per centre (platform) and learner (the quality module's Placements,
-- docs/quality-assurance.md "Learner details"). The sampling plan spreads its sample across employers and
-- assessment sites from these. Each value comes from the launch (the custom parameters employer and site a centre
-- sets on the course or activity) or is entered by the centre; a value the centre entered is never overwritten by
-- a launch. Written to run on H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE learner_placement (
    platform_id      UUID          NOT NULL,
    learner_subject  VARCHAR(255)  NOT NULL,
    employer         VARCHAR(200),               -- null: not known
    employer_source  VARCHAR(16),                -- LAUNCH, ENTERED; null with employer
    site             VARCHAR(200),               -- the assessment site; null: not known
    site_source      VARCHAR(16),                -- LAUNCH, ENTERED; null with site
    updated_by       VARCHAR(255)  NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (platform_id, learner_subject)
);
