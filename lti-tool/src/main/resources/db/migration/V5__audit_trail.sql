-- The append-only, hash-chained audit trail (org.attest.tool.portfolio.AuditTrail documents the hash).
-- Written to run on H2 (PostgreSQL mode) and PostgreSQL.

-- One row per recorded fact. seq is assigned by the appender as the head's last_seq + 1 (not an
-- identity), so the chain has no gaps and a missing row is evidence of deletion.
CREATE TABLE audit_event (
    seq            BIGINT        PRIMARY KEY CHECK (seq > 0),
    occurred_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,   -- whole microseconds, so the hash survives the round trip
    platform_id    UUID,                                   -- the tenant; null for operator actions
    deployment_id  VARCHAR(255),
    context_id     VARCHAR(255),
    actor          VARCHAR(255)  NOT NULL,                 -- the LTI subject, or 'operator'
    actor_name     VARCHAR(500),
    action         VARCHAR(40)   NOT NULL,                 -- an AuditAction, e.g. DECISION_RECORDED
    subject_id     UUID,                                   -- what the event is about, e.g. the learner's unit
    detail         VARCHAR(100000) NOT NULL,               -- canonical JSON of the facts
    prev_hash      CHAR(64)      NOT NULL,
    hash           CHAR(64)      NOT NULL
);
CREATE INDEX audit_event_subject ON audit_event (subject_id, seq);

-- The chain's head. Appenders lock this one row (SELECT ... FOR UPDATE) in their transaction, so
-- appends from every replica are serialized and each sees the previous row's seq and hash.
CREATE TABLE audit_head (
    id         INTEGER   PRIMARY KEY CHECK (id = 1),
    last_seq   BIGINT    NOT NULL,
    last_hash  CHAR(64)  NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
