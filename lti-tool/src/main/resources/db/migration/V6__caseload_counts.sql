-- The caseload's two course-wide counts, kept on each learner unit like its progress columns and
-- brought up to date by the same completion refresh after every change: current evidence an assessor
-- has still to look at, and decisions and sign-offs awaiting a qualified countersignature. The
-- caseload page sums them over the course's learner units (one indexed query) instead of running
-- the marking and countersignature queues over every piece of evidence and every decision of the
-- course, which took about a second for a course of 300 learners on 15 units (docs/benchmarks.md,
-- "Portfolio pages").
-- Written to run on H2 (PostgreSQL mode) and PostgreSQL.

ALTER TABLE learner_unit ADD COLUMN evidence_to_mark INT DEFAULT 0 NOT NULL;
ALTER TABLE learner_unit ADD COLUMN awaiting_countersignature INT DEFAULT 0 NOT NULL;

-- The same counts as the queue pages' queries (Assessment.markingQueue and countersignQueue), per
-- learner unit. A learner unit without evidence has neither, so its row is left as it is.
UPDATE learner_unit SET
    evidence_to_mark = (
        SELECT COUNT(*) FROM evidence e
        WHERE e.learner_unit_id = learner_unit.id AND e.is_current = TRUE
          AND (e.status = 'SUBMITTED' OR EXISTS (
              SELECT 1 FROM evidence_mapping m WHERE m.evidence_id = e.id AND m.status = 'CLAIMED'))),
    awaiting_countersignature = (
        SELECT COUNT(*) FROM assessment_decision d
        WHERE d.learner_unit_id = learner_unit.id AND d.is_current = TRUE
          AND d.countersignature_needed = TRUE AND d.countersigned_at IS NULL)
      + (SELECT COUNT(*) FROM unit_signature s
        WHERE s.learner_unit_id = learner_unit.id AND s.kind = 'SIGN_OFF' AND s.needs_countersignature = TRUE
          AND s.withdrawn_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM unit_signature c WHERE c.learner_unit_id = s.learner_unit_id
                          AND c.kind = 'SIGN_OFF_COUNTERSIGNATURE' AND c.withdrawn_at IS NULL))
WHERE EXISTS (SELECT 1 FROM evidence e WHERE e.learner_unit_id = learner_unit.id);
