-- The sandbox platform's side of Dynamic Registration: the tools registered with it and the
-- one-time registration tokens it hands out; and the launch URL a deep-linked activity names.
-- Written to run on H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE sandbox_registration (
    client_id           VARCHAR(64)   PRIMARY KEY,
    issuer              VARCHAR(500)  NOT NULL,        -- the sandbox issuer the tool registered with
    deployment_id       VARCHAR(255)  NOT NULL,
    client_name         VARCHAR(255),
    initiate_login_uri  VARCHAR(1000) NOT NULL,
    redirect_uris       VARCHAR(4000) NOT NULL,        -- JSON array
    jwks_uri            VARCHAR(1000) NOT NULL,
    target_link_uri     VARCHAR(1000) NOT NULL,
    scope               VARCHAR(2000),
    registration        VARCHAR(32000) NOT NULL,       -- the client registration as the tool sent it, JSON
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sandbox_registration_issuer ON sandbox_registration (issuer, created_at);

CREATE TABLE sandbox_registration_token (
    token_hash   VARCHAR(64) PRIMARY KEY,              -- SHA-256 of the bearer token
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at      TIMESTAMP WITH TIME ZONE
);

ALTER TABLE sandbox_link ADD COLUMN url VARCHAR(1000);
