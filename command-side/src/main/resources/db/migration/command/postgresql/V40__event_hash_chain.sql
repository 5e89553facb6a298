-- Tamper evidence: each event's link in its aggregate's hash chain (see kernel.audit.EventChain).
ALTER TABLE domain_event_entry ADD COLUMN previous_hash CHAR(64);
ALTER TABLE domain_event_entry ADD COLUMN chain_hash CHAR(64);
