-- A lead IQA closes a sampling plan once its sample is verified. Closing a summative plan closes out of the sample
-- every learner unit of its caseload that was complete and not picked: those units are ready for the certificate
-- claim, as long as the sign-off the plan saw still stands.
ALTER TABLE sampling_plan ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sampling_plan ADD COLUMN closed_by VARCHAR(255);
ALTER TABLE sampling_plan ADD COLUMN close_note VARCHAR(2000);

CREATE TABLE plan_close_out (
    plan_id          UUID          NOT NULL REFERENCES sampling_plan (id),
    learner_unit_id  UUID          NOT NULL,
    signed_off_at    TIMESTAMP WITH TIME ZONE NOT NULL, -- the sign-off the plan closed out; a later one is not covered
    PRIMARY KEY (plan_id, learner_unit_id)
);
CREATE INDEX plan_close_out_learner_unit ON plan_close_out (learner_unit_id);

-- EQA visit outcomes in the words of the NVQ Code of Practice's tariff of sanctions (levels 0, 1, 2, 3a, 3b).
UPDATE eqa_report SET outcome = 'LEVEL_0' WHERE outcome = 'DIRECT_CLAIMS_MAINTAINED';
UPDATE eqa_report SET outcome = 'LEVEL_1' WHERE outcome IN ('ACTION_PLAN', 'SANCTION_1');
UPDATE eqa_report SET outcome = 'LEVEL_2' WHERE outcome = 'SANCTION_2';
UPDATE eqa_report SET outcome = 'LEVEL_3A' WHERE outcome = 'SANCTION_3';
