-- Origins (scheme, host, port) where a platform serves its LTI services besides those of its issuer,
-- authorisation, token and JWKS URLs, added by an administrator (Canvas serves AGS and NRPS on the
-- institution's own host); and the origins Attest refused to call, so the admin page can show them.
-- Written to run on H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE platform_service_origin (
    platform_id  UUID          NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
    origin       VARCHAR(300)  NOT NULL,
    added_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    added_by     VARCHAR(500)  NOT NULL,
    PRIMARY KEY (platform_id, origin)
);

CREATE TABLE platform_refused_origin (
    platform_id       UUID           NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
    origin            VARCHAR(300)   NOT NULL,
    example_url       VARCHAR(1000)  NOT NULL,
    refusals          BIGINT         NOT NULL,
    last_refused_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (platform_id, origin)
);
