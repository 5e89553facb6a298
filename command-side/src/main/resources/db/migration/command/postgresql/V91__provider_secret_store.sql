-- Providers' secrets (bcrypt hashes) keyed by provider and credential id; events name the credential,
-- never its hash (docs/provider-credentials.md). PENDING: issued, its command not yet recorded;
-- CURRENT: the one that authenticates. A provider registered before credentials had ids keeps its
-- secret, as credential 'legacy' (what its registration event reads as, upcast).
CREATE TABLE cmd_provider_secret (
    provider_id   VARCHAR(64)  NOT NULL,
    credential_id VARCHAR(64)  NOT NULL,
    secret_hash   VARCHAR(200) NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    PRIMARY KEY (provider_id, credential_id)
);

INSERT INTO cmd_provider_secret (provider_id, credential_id, secret_hash, state)
SELECT provider_id, 'legacy', secret_hash, 'CURRENT' FROM cmd_provider_credential;

DROP TABLE cmd_provider_credential;
