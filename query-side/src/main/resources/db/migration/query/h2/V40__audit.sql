-- The audit index (a read model, rebuilt from the events like the others): a copy of every event with its
-- hash links, and the subjects (linkage, account, provider, or the whole service) each one bears on.
CREATE TABLE read_model.audit_event (
    global_index    BIGINT        PRIMARY KEY,
    event_id        VARCHAR(255)  NOT NULL,
    aggregate_id    VARCHAR(255)  NOT NULL,
    sequence_number BIGINT        NOT NULL,
    payload_type    VARCHAR(255)  NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    payload         VARCHAR(1000000) NOT NULL,
    previous_hash   VARCHAR(64),
    chain_hash      VARCHAR(64)
);

CREATE TABLE read_model.audit_subject (
    subject_kind VARCHAR(16)  NOT NULL,
    subject_id   VARCHAR(255) NOT NULL,
    global_index BIGINT       NOT NULL,
    PRIMARY KEY (subject_kind, subject_id, global_index)
);

CREATE TABLE read_model.audit_linkage (
    linkage_id  VARCHAR(64) PRIMARY KEY,
    account_id  VARCHAR(64) NOT NULL,
    provider_id VARCHAR(64) NOT NULL,
    token_hash  VARCHAR(64) NOT NULL
);
CREATE INDEX ix_audit_linkage_account ON read_model.audit_linkage (account_id);
CREATE INDEX ix_audit_linkage_token ON read_model.audit_linkage (token_hash);

-- Breaches and service suspensions: later events name only the reference; they bear on what the first named.
CREATE TABLE read_model.audit_reference (
    reference_id  VARCHAR(255) PRIMARY KEY,
    global_index  BIGINT       NOT NULL
);

-- The signed log (NOT a read model: never reset or rebuilt). Leaves in global order, the perfect subtrees
-- above them, and the signed checkpoints (RFC 9162 tree heads).
CREATE TABLE read_model.audit_log_leaf (
    leaf_index   BIGINT      PRIMARY KEY,
    global_index BIGINT      NOT NULL UNIQUE,
    chain_hash   VARCHAR(64) NOT NULL,
    leaf_hash    VARCHAR(64) NOT NULL
);

CREATE TABLE read_model.audit_log_node (
    level      INTEGER     NOT NULL,
    node_index BIGINT      NOT NULL,
    hash       VARCHAR(64) NOT NULL,
    PRIMARY KEY (level, node_index)
);

CREATE TABLE read_model.audit_log_checkpoint (
    tree_size         BIGINT       PRIMARY KEY,
    last_global_index BIGINT       NOT NULL,
    root_hash         VARCHAR(64)  NOT NULL,
    signed_at         VARCHAR(40)  NOT NULL,
    key_id            VARCHAR(64)  NOT NULL,
    signature         VARCHAR(200) NOT NULL
);
