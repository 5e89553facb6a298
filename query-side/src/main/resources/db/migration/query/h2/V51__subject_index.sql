-- The signed subject index (issue 14, completeness): for every subject key (linkage:L, account:A, provider:P,
-- service, terms, suspension:S, breach:B) the number of its events in the Merkle log and the head of a hash
-- chain over their (position, chain hash); the entries hashed into 65,536 buckets by key and the buckets into a
-- Merkle tree of depth 16, whose root each checkpoint signs. Like the log, NOT a read model: never reset.
CREATE TABLE read_model.audit_subject_entry (
    subject_key VARCHAR(320) PRIMARY KEY,
    bucket      INTEGER      NOT NULL,
    event_count BIGINT       NOT NULL,
    head        VARCHAR(64)  NOT NULL,
    entry_hash  VARCHAR(64)  NOT NULL
);
CREATE INDEX ix_audit_subject_entry_bucket ON read_model.audit_subject_entry (bucket);

-- A subject's events, in global order, as the index folded them.
CREATE TABLE read_model.audit_subject_event (
    subject_key  VARCHAR(320) NOT NULL,
    global_index BIGINT       NOT NULL,
    PRIMARY KEY (subject_key, global_index)
);

-- The bucket hashes (level 0; the 16 levels above are computed in memory from them). Non-empty buckets only.
CREATE TABLE read_model.audit_subject_node (
    level      INTEGER     NOT NULL,
    node_index INTEGER     NOT NULL,
    hash       VARCHAR(64) NOT NULL,
    PRIMARY KEY (level, node_index)
);

-- How many leaves of the log the index has folded (no row: none; an existing log is folded on the next checkpoint).
CREATE TABLE read_model.audit_subject_index_size (
    id          INTEGER PRIMARY KEY,
    leaves      BIGINT  NOT NULL
);

-- The subject root a checkpoint signs (checkpoint statement v2); NULL on checkpoints signed before it existed
-- (statement v1). An upgraded log may sign a v2 checkpoint at the size of its last v1 one, hence the key.
ALTER TABLE read_model.audit_log_checkpoint ADD COLUMN subject_root VARCHAR(64);
ALTER TABLE read_model.audit_log_checkpoint ADD COLUMN statement_version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE read_model.audit_log_checkpoint DROP PRIMARY KEY;
ALTER TABLE read_model.audit_log_checkpoint ADD PRIMARY KEY (tree_size, statement_version);
