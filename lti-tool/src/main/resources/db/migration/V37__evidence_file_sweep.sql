-- The sweep of evidence files no row refers to (portfolio.internal.files.EvidenceFileSweep): one row that a replica
-- claims by moving next_run_at forward, so one replica sweeps per interval however many run.
CREATE TABLE evidence_file_sweep (
    id          INT                      PRIMARY KEY,
    next_run_at TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by  VARCHAR(255)
);
INSERT INTO evidence_file_sweep (id, next_run_at) VALUES (1, TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00');

-- The sweep asks, for each stored file, whether a row refers to it.
CREATE INDEX evidence_file_storage_key ON evidence_file (storage_key);
