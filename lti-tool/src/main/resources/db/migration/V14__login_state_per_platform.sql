-- Logins in progress are counted per platform (attest.lti.max-login-states-per-platform) about once a second.
CREATE INDEX login_state_platform ON login_state (platform_id, expires_at);
