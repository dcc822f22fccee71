-- The marking queue without reading every mapping of the course: each piece of evidence keeps how
-- many of its claims await review and whether an assessor still has to look at it (current, and
-- not yet assessed or with claims pending), refreshed with the learner unit's completion after
-- every change. The index finds a course's evidence to mark directly; the queue took about a second
-- for a course of 300 learners on 15 units with 7,000 pieces waiting (docs/benchmarks.md).
-- Written to run on H2 (PostgreSQL mode) and PostgreSQL (neither partial indexes nor H2 need apply).

ALTER TABLE evidence ADD COLUMN pending_claims INT DEFAULT 0 NOT NULL;
ALTER TABLE evidence ADD COLUMN to_mark BOOLEAN DEFAULT FALSE NOT NULL;

UPDATE evidence SET
    pending_claims = (SELECT COUNT(*) FROM evidence_mapping m WHERE m.evidence_id = evidence.id AND m.status = 'CLAIMED'),
    to_mark = (is_current = TRUE AND (status = 'SUBMITTED'
        OR EXISTS (SELECT 1 FROM evidence_mapping m WHERE m.evidence_id = evidence.id AND m.status = 'CLAIMED')));

CREATE INDEX evidence_to_mark ON evidence (learner_unit_id, to_mark, updated_at);
