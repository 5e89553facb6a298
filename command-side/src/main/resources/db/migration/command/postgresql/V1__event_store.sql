-- Axon's event store, owned by Flyway. Payloads and tokens are BYTEA (never OID large objects), and the
-- event table has its own sequence with increment 1, so global indexes have no gaps from a shared
-- sequence or a cached block and the tracking processors' gap detection stays cheap.
CREATE SEQUENCE domain_event_entry_seq INCREMENT BY 1 START WITH 1 CACHE 1;

CREATE TABLE domain_event_entry (
    global_index         BIGINT       NOT NULL DEFAULT nextval('domain_event_entry_seq') PRIMARY KEY,
    event_identifier     VARCHAR(255) NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    CONSTRAINT uk_domain_event_identifier UNIQUE (event_identifier),
    CONSTRAINT uk_domain_event_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number)
);
ALTER SEQUENCE domain_event_entry_seq OWNED BY domain_event_entry.global_index;

CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    PRIMARY KEY (aggregate_identifier, sequence_number),
    CONSTRAINT uk_snapshot_event_identifier UNIQUE (event_identifier)
);

CREATE TABLE cmd_token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    time_stamp     VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

CREATE TABLE cmd_provider_directory (
    provider_id VARCHAR(64) PRIMARY KEY,
    status      VARCHAR(16) NOT NULL
);

CREATE TABLE cmd_terms_version (
    version        VARCHAR(64) PRIMARY KEY,
    effective_from TIMESTAMPTZ NOT NULL,
    published_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_cmd_terms_version_effective ON cmd_terms_version (effective_from);

CREATE TABLE cmd_linkage_route (
    linkage_id  VARCHAR(64) PRIMARY KEY,
    account_id  VARCHAR(64) NOT NULL,
    provider_id VARCHAR(64) NOT NULL
);
