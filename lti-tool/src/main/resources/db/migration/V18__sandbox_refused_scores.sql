-- The sandbox keeps the scores its gradebook refuses (as Moodle does with HTTP 409 for a score not newer than the
-- grade), marked stale so they never count, with the LMS's words, so a developer sees them on the gradebook page.
ALTER TABLE sandbox_score ADD COLUMN refusal VARCHAR(500);
