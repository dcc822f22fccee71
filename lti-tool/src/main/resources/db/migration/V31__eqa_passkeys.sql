-- Passkeys (WebAuthn) of external verifiers (issue 13, docs/quality-assurance.md "Passkeys"). Written to run on H2
-- (PostgreSQL mode) and PostgreSQL.

-- A passkey an EQA added after signing in with the link and code: it signs them in while their grant is active, and
-- goes with the grant when the centre revokes it. Binary values are kept as base64url text.
CREATE TABLE eqa_passkey (
    id                UUID          PRIMARY KEY,
    grant_id          UUID          NOT NULL REFERENCES eqa_grant (id),
    platform_id       UUID          NOT NULL,
    credential_id     VARCHAR(1400) NOT NULL,   -- base64url of the credential id (at most 1023 bytes)
    public_key_cose   VARCHAR(4000) NOT NULL,   -- base64url of the COSE_Key
    aaguid            UUID          NOT NULL,
    sign_count        BIGINT        NOT NULL,
    label             VARCHAR(100)  NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at      TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX eqa_passkey_credential ON eqa_passkey (credential_id);
CREATE INDEX eqa_passkey_grant ON eqa_passkey (grant_id);

-- WebAuthn challenges: one-time (deleted when used), short-lived, stored only as SHA-256. 'register' challenges are
-- bound to the grant of the signed-in EQA; 'sign-in' challenges to nobody (the passkey names its grant).
CREATE TABLE eqa_passkey_challenge (
    challenge_hash    CHAR(64)      PRIMARY KEY,
    purpose           VARCHAR(10)   NOT NULL,
    grant_id          UUID,
    expires_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX eqa_passkey_challenge_expiry ON eqa_passkey_challenge (expires_at);
