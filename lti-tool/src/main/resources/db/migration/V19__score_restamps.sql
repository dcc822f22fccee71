-- How many times a score was given a later timestamp because the LMS refused it as not newer than
-- the grade it holds (Moodle: HTTP 409 "Refusing score with an earlier timestamp ..."). Bounded, so
-- a grade a teacher keeps changing in the LMS ends as a refused score the admin page explains.
-- Written to run on H2 (PostgreSQL mode) and PostgreSQL.

ALTER TABLE score_outbox ADD COLUMN restamps INT DEFAULT 0 NOT NULL;
