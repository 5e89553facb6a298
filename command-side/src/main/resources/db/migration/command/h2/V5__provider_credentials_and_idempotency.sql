-- Providers' secret hashes (bcrypt), for authenticating them on the command side. Filled with the
-- other command lookups, in the transaction that records the registration.
CREATE TABLE cmd_provider_credential (
    provider_id VARCHAR(64)  PRIMARY KEY,
    secret_hash VARCHAR(200) NOT NULL
);

-- The first answer to each Idempotency-Key, kept at least 7 days. The caller's key and principal
-- are kept only as a hash; the answer only encrypted (AES-GCM), because a grant's answer holds the
-- one plain copy of a token.
CREATE TABLE cmd_idempotency_key (
    key_hash       VARCHAR(64)    PRIMARY KEY,
    request_hash   VARCHAR(64)    NOT NULL,
    state          VARCHAR(16)    NOT NULL,
    status         INTEGER,
    content_type   VARCHAR(100),
    answer         BINARY VARYING,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_cmd_idempotency_key_created ON cmd_idempotency_key (created_at);
