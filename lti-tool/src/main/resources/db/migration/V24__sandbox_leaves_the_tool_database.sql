-- The sandbox LMS is its own module now (attest-sandbox.jar) with its own embedded database: Attest's database
-- keeps none of its tables, and the sandbox's keys (owner SANDBOX) go. Written to run on H2 (PostgreSQL mode) and PostgreSQL.
DROP TABLE IF EXISTS sandbox_score;
DROP TABLE IF EXISTS sandbox_line_item;
DROP TABLE IF EXISTS sandbox_client_assertion;
DROP TABLE IF EXISTS sandbox_access_token;
DROP TABLE IF EXISTS sandbox_registration_token;
DROP TABLE IF EXISTS sandbox_registration;
DROP TABLE IF EXISTS sandbox_link;
DELETE FROM tool_key WHERE owner = 'SANDBOX';
