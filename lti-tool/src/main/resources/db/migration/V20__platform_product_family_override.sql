-- Issue 10: which LMS a platform is decides what its scores mean (Moodle keeps a number only when FullyGraded).
-- product_family comes from registration or the launch's tool_platform claim; an admin may override it here
-- (MOODLE, CANVAS or OTHER; NULL follows what the platform says). Runs on H2 (PostgreSQL mode) and PostgreSQL.
ALTER TABLE platform ADD COLUMN product_family_override VARCHAR(16);
