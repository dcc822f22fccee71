-- Scoped administration: API tokens and frameworks belong to a platform's centre, or to the whole
-- tool (NULL: the operator's). API tokens expire. Written to run on H2 (PostgreSQL mode) and PostgreSQL.

-- The centre whose administrator made the token; NULL for a token the operator made, which is tool-wide.
-- Tokens made before this migration expire at once: any centre administrator (even a visitor of the sandbox) could
-- make one then, and without an owner it would now act for the whole tool. The Frameworks page lists them as expired.
ALTER TABLE api_token ADD COLUMN platform_id UUID;
ALTER TABLE api_token ADD CONSTRAINT api_token_platform FOREIGN KEY (platform_id) REFERENCES platform (id) ON DELETE CASCADE;
ALTER TABLE api_token ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
UPDATE api_token SET expires_at = CURRENT_TIMESTAMP;
ALTER TABLE api_token ALTER COLUMN expires_at SET NOT NULL;
CREATE INDEX api_token_scope ON api_token (platform_id, created_at);

-- The centre that owns a framework (every version of one framework_id has the same owner); NULL for a
-- tool-wide framework: the bundled samples and whatever the operator imports. Frameworks imported
-- before this migration become tool-wide. No cascade: learners' work pins framework versions.
ALTER TABLE framework_version ADD COLUMN platform_id UUID;
ALTER TABLE framework_version ADD CONSTRAINT framework_version_platform FOREIGN KEY (platform_id) REFERENCES platform (id);
CREATE INDEX framework_version_owner ON framework_version (platform_id);
