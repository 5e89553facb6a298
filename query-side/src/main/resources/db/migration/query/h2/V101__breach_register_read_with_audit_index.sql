-- The breach register is now read in the audit index's pass over the events: one processor, "audit-index",
-- for both. A store from before holds them at two positions, and no one position is right for both, so both
-- read models are rebuilt once: their rows and their processors' tokens go, and the audit-index processor
-- reads the events again from the first. Read models are disposable; the events and the tamper-evident log
-- (audit_log_*, audit_subject_*) are untouched.
DELETE FROM read_model.qry_token_entry WHERE processor_name IN ('audit-index', 'breach-register');
DELETE FROM read_model.audit_subject;
DELETE FROM read_model.audit_reference;
DELETE FROM read_model.audit_linkage;
DELETE FROM read_model.audit_event;
DELETE FROM read_model.rm_breach_disclosure;
DELETE FROM read_model.rm_breach_suspension;
DELETE FROM read_model.rm_breach;
