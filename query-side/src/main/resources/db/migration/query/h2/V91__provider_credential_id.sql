-- The linkage directory no longer holds providers' secret hashes: events carry only the id of a
-- provider's current credential, and a query node checks a provider's secret by asking the command
-- side (docs/provider-credentials.md). Every provider projected so far was registered with a hash,
-- which the events now read as credential 'legacy'.
ALTER TABLE read_model.rm_provider ADD COLUMN credential_id VARCHAR(64) DEFAULT 'legacy' NOT NULL;
ALTER TABLE read_model.rm_provider DROP COLUMN secret_hash;
