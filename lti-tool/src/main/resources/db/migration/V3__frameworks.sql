-- Frameworks imported from CASE packages, one row per version; what changed per criterion from
-- one version to the next; and the API tokens that let the standards-import CLI push packages.
-- Written to run on H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE framework_version (
    id            UUID          PRIMARY KEY,             -- random per version; learners' portfolios pin it
    framework_id  UUID          NOT NULL,                -- the CASE CFDocument identifier, the same for every version
    version       VARCHAR(255)  NOT NULL,                -- the CASE version label, "1 (2)" when an earlier version had it
    title         VARCHAR(1000) NOT NULL,
    creator       VARCHAR(1000) NOT NULL,
    case_json     TEXT          NOT NULL,                -- the CASE package as imported (H2 stores TEXT as a CLOB)
    sha256        VARCHAR(64)   NOT NULL,                -- of the framework as Attest reads it, written back canonically
    imported_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    imported_by   VARCHAR(500)  NOT NULL,
    -- TRUE for the current version and NULL (never FALSE) for the others, so the unique constraint
    -- below allows one current version per framework: neither H2 nor PostgreSQL counts NULLs as equal,
    -- and H2 has no partial indexes.
    current       BOOLEAN       CHECK (current),
    CONSTRAINT framework_version_content UNIQUE (framework_id, sha256),
    CONSTRAINT framework_version_one_current UNIQUE (framework_id, current)
);

CREATE TABLE criterion_change (
    version_id      UUID          NOT NULL REFERENCES framework_version (id),
    criterion_id    UUID          NOT NULL,
    unit_code       VARCHAR(1000) NOT NULL,              -- a package from elsewhere may code a unit by its statement
    criterion_code  VARCHAR(1000) NOT NULL,
    change          VARCHAR(16)   NOT NULL,              -- ADDED, CHANGED (statement or kind), REMOVED
    old_statement   TEXT,                                -- NULL for ADDED
    new_statement   TEXT,                                -- NULL for REMOVED
    PRIMARY KEY (version_id, criterion_id)
);

CREATE TABLE api_token (
    token_hash    VARCHAR(64)  PRIMARY KEY,              -- SHA-256 of the bearer token; the token is shown once
    label         VARCHAR(255) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(500) NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE
);
