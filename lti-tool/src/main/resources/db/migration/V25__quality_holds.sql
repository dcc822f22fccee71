-- Issue 13: an internal verifier (IQA) who does not agree holds a learner's unit. While held the unit is never
-- complete, whatever its signatures; the hold's reason is what the assessor and the completion report show.
ALTER TABLE learner_unit ADD COLUMN quality_hold_reason VARCHAR(4000);
ALTER TABLE learner_unit ADD COLUMN quality_hold_by VARCHAR(255);
ALTER TABLE learner_unit ADD COLUMN quality_hold_by_name VARCHAR(255);
ALTER TABLE learner_unit ADD COLUMN quality_hold_at TIMESTAMP WITH TIME ZONE;

-- The IQA's reason on a current decision they did not agree with: it stops counting as met until the assessor
-- decides the criterion again (a new decision row carries no reason).
ALTER TABLE assessment_decision ADD COLUMN verifier_disagreed VARCHAR(4000);

-- Sampling reads every learner unit of a centre (platform) at once.
CREATE INDEX learner_unit_platform ON learner_unit (platform_id, framework_id, unit_code);
