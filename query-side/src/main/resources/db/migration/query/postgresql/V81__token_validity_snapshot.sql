-- The token-validity model as a full query node last saved it, and the tracking token it reflects: a
-- starting node loads it and reads only the events after it, instead of the whole stream (issue 18).
-- One row; a newer snapshot replaces an older one. Disposable like every read model.
CREATE TABLE read_model.qry_token_validity_snapshot (
    snapshot_name  VARCHAR(64)     PRIMARY KEY,
    event_position BIGINT          NOT NULL,
    token_type     VARCHAR(255)    NOT NULL,
    tracking_token BYTEA           NOT NULL,
    facts          BYTEA           NOT NULL,
    linkages       INTEGER         NOT NULL,
    taken_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
