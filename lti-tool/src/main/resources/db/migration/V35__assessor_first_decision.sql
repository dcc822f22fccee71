-- When each assessor of a centre made their first decision (issue 13, docs/quality-assurance.md "New assessors"): the
-- sampling plan and matrix ask it of the whole centre on every view, and reading it from assessment_decision meant
-- scanning every decision the centre ever made (2 million rows: 0.7 s warm, 9 s cold). DecisionStore.record adds the
-- row with an assessor's first decision; this migration fills it from the decisions already recorded.
-- Written to run on H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE assessor_first_decision (
    platform_id       UUID          NOT NULL,
    assessor_subject  VARCHAR(255)  NOT NULL,
    first_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (platform_id, assessor_subject)
);

INSERT INTO assessor_first_decision (platform_id, assessor_subject, first_at)
SELECT lu.platform_id, d.assessor_subject, MIN(d.decided_at)
FROM assessment_decision d JOIN learner_unit lu ON lu.id = d.learner_unit_id
WHERE d.source = 'ASSESSOR'
GROUP BY lu.platform_id, d.assessor_subject;
