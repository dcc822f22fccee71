-- The tool's private keys are kept encrypted (issue 15): tool_key.private_jwk now holds a JWE (dir, A256GCM) of the
-- private JWK, sealed with the operator's key-encryption key (KEK) whose id is kek_id. Rows from earlier versions
-- (kek_id NULL, plain JSON) are encrypted by the first start that has a KEK; nothing here reads or changes them.
ALTER TABLE tool_key ADD COLUMN kek_id VARCHAR(64);

-- One row that every replica locks (SELECT ... FOR UPDATE) around "read keys, create if none, re-encrypt", so
-- replicas starting at once against an empty database make one key set between them, not one each.
CREATE TABLE tool_key_lock (
    id INT PRIMARY KEY
);
INSERT INTO tool_key_lock (id) VALUES (1);
