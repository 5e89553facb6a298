-- The query side's read models, in their own schema; disposable and rebuilt from the events.
CREATE SCHEMA IF NOT EXISTS read_model;

CREATE TABLE read_model.qry_token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BINARY VARYING,
    token_type     VARCHAR(255),
    time_stamp     VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

CREATE TABLE read_model.rm_provider (
    provider_id         VARCHAR(64)  PRIMARY KEY,
    name                VARCHAR(200) NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    secret_hash         VARCHAR(200) NOT NULL,
    registered_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_event_position BIGINT       NOT NULL
);

CREATE TABLE read_model.rm_account (
    account_id              VARCHAR(64) PRIMARY KEY,
    customer_id             VARCHAR(64) NOT NULL,
    customer_type           VARCHAR(16) NOT NULL,
    account_type            VARCHAR(32) NOT NULL,
    terms_version           VARCHAR(64) NOT NULL,
    registered_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    registration_expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    status                  VARCHAR(16) NOT NULL,
    last_event_position     BIGINT      NOT NULL
);

CREATE TABLE read_model.rm_linkage (
    linkage_id              VARCHAR(64)   PRIMARY KEY,
    account_id              VARCHAR(64)   NOT NULL,
    provider_id             VARCHAR(64)   NOT NULL,
    customer_id             VARCHAR(64)   NOT NULL,
    scopes                  VARCHAR(64)   NOT NULL,
    chained_recipients      VARCHAR(8000) NOT NULL,
    terms_version           VARCHAR(64)   NOT NULL,
    granted_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    status                  VARCHAR(32)   NOT NULL,
    suspended               BOOLEAN       NOT NULL,
    revocation_requested_at TIMESTAMP WITH TIME ZONE,
    revocation_recorded_at  TIMESTAMP WITH TIME ZONE,
    revoked_at              TIMESTAMP WITH TIME ZONE,
    last_event_position     BIGINT        NOT NULL,
    last_event_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_rm_linkage_provider ON read_model.rm_linkage (provider_id, granted_at);
CREATE INDEX ix_rm_linkage_account ON read_model.rm_linkage (account_id, granted_at);
