-- LTI core: the tool's signing keys, platforms and their deployments, single-use login state,
-- launch sessions, one-time admin tokens, and the sandbox platform's own records.
-- Written to run on H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE tool_key (
    kid           VARCHAR(64)  PRIMARY KEY,
    owner         VARCHAR(16)  NOT NULL,          -- TOOL, or SANDBOX for the built-in platform
    private_jwk   VARCHAR(16000) NOT NULL,
    status        VARCHAR(16)  NOT NULL,          -- NEXT, CURRENT, RETIRING
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    retire_at     TIMESTAMP WITH TIME ZONE
);

CREATE TABLE platform (
    id                      UUID          PRIMARY KEY,
    issuer                  VARCHAR(500)  NOT NULL,
    client_id               VARCHAR(255)  NOT NULL,
    name                    VARCHAR(255)  NOT NULL,
    authorization_endpoint  VARCHAR(1000) NOT NULL,
    token_endpoint          VARCHAR(1000),
    jwks_uri                VARCHAR(1000) NOT NULL,
    product_family          VARCHAR(100),
    registered_by           VARCHAR(16)   NOT NULL,   -- DYNAMIC, MANUAL, SANDBOX
    enabled                 BOOLEAN       NOT NULL,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT platform_issuer_client UNIQUE (issuer, client_id)
);

CREATE TABLE deployment (
    platform_id    UUID         NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
    deployment_id  VARCHAR(255) NOT NULL,
    name           VARCHAR(255),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (platform_id, deployment_id)
);

CREATE TABLE login_state (
    state        VARCHAR(64) PRIMARY KEY,
    nonce        VARCHAR(64) NOT NULL,
    platform_id  UUID        NOT NULL,
    storage_target VARCHAR(255),                  -- the platform's lti_storage_target frame, when it offered one
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX login_state_expires ON login_state (expires_at);

CREATE TABLE launch_session (
    token_hash      VARCHAR(64)  PRIMARY KEY,     -- SHA-256 of the token the pages carry
    principal       VARCHAR(100000) NOT NULL,     -- the launch's claims as JSON
    status          VARCHAR(16)  NOT NULL,        -- ACTIVE, or AWAITING_STORAGE until the platform's storage confirms the state
    expected_state  VARCHAR(64),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX launch_session_expires ON launch_session (expires_at);

CREATE TABLE one_time_token (
    token_hash   VARCHAR(64) PRIMARY KEY,
    purpose      VARCHAR(32) NOT NULL,            -- OPERATOR_SETUP, REGISTRATION
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at      TIMESTAMP WITH TIME ZONE
);

CREATE TABLE sandbox_link (
    id           VARCHAR(64)  PRIMARY KEY,
    title        VARCHAR(500) NOT NULL,
    custom       VARCHAR(4000) NOT NULL,          -- JSON object of custom parameters
    line_item    VARCHAR(4000),                   -- JSON from the deep-linking response, if any
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
