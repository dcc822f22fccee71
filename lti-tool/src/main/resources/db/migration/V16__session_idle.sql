-- Launch sessions end after attest.lti.session-idle-timeout without a request, beside their absolute life:
-- last_seen_at is when the session last served a page (moved on at most once a minute).
ALTER TABLE launch_session ADD COLUMN last_seen_at TIMESTAMP WITH TIME ZONE;
UPDATE launch_session SET last_seen_at = created_at;
ALTER TABLE launch_session ALTER COLUMN last_seen_at SET NOT NULL;
