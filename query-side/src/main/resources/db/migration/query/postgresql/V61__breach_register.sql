-- The breach register (a read model, rebuilt from the events like the others; a breach is never deleted):
-- each breach as reported and resolved, the linkage suspensions it caused, and the disclosures made about it.
-- Every row names the global position of the last event that changed it, so a replay can compare at its target.
CREATE TABLE read_model.rm_breach (
    breach_id                 VARCHAR(64)   PRIMARY KEY,
    kind                      VARCHAR(32)   NOT NULL,
    description               VARCHAR(4000) NOT NULL,
    detected_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    reported_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    reported_by               VARCHAR(200)  NOT NULL,
    affected_provider_ids     TEXT NOT NULL,
    affected_account_ids      TEXT NOT NULL,
    affected_linkage_ids      TEXT NOT NULL,
    suspend_affected_linkages BOOLEAN       NOT NULL,
    resolved_at               TIMESTAMP WITH TIME ZONE,
    resolution_summary        VARCHAR(4000),
    reported_position         BIGINT        NOT NULL,
    last_event_position       BIGINT        NOT NULL
);
CREATE INDEX ix_rm_breach_reported ON read_model.rm_breach (reported_at, breach_id);

CREATE TABLE read_model.rm_breach_suspension (
    breach_id           VARCHAR(64)  NOT NULL,
    linkage_id          VARCHAR(64)  NOT NULL,
    suspended_position  BIGINT       NOT NULL,
    account_id          VARCHAR(64)  NOT NULL,
    provider_id         VARCHAR(64)  NOT NULL,
    reason              VARCHAR(4000),
    suspended_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    resumed_at          TIMESTAMP WITH TIME ZONE,
    last_event_position BIGINT       NOT NULL,
    PRIMARY KEY (breach_id, linkage_id, suspended_position)
);
CREATE INDEX ix_rm_breach_suspension_linkage ON read_model.rm_breach_suspension (linkage_id);

CREATE TABLE read_model.rm_breach_disclosure (
    breach_id                   VARCHAR(64)  NOT NULL,
    disclosure_id               VARCHAR(64)  NOT NULL,
    recipient_provider_id       VARCHAR(64),
    recipient_chained_recipient VARCHAR(128),
    information_items           TEXT NOT NULL,
    basis_clause                VARCHAR(200) NOT NULL,
    disclosed_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    last_event_position         BIGINT       NOT NULL,
    PRIMARY KEY (breach_id, disclosure_id)
);
