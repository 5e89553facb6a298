-- Axon's deadlines (linkage expiry, registration lapse) on db-scheduler: durable, so a restart
-- loses none. Layout of db-scheduler 14.x; Flyway owns it like every other table.
CREATE TABLE cmd_scheduled_tasks (
    task_name            TEXT        NOT NULL,
    task_instance        TEXT        NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMPTZ NOT NULL,
    picked               BOOLEAN     NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMPTZ,
    last_failure         TIMESTAMPTZ,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMPTZ,
    version              BIGINT      NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX ix_cmd_scheduled_tasks_execution_time ON cmd_scheduled_tasks (execution_time);
CREATE INDEX ix_cmd_scheduled_tasks_last_heartbeat ON cmd_scheduled_tasks (last_heartbeat);

-- Which accounts are registered, so a breach report naming an unknown account is refused.
CREATE TABLE cmd_account_directory (
    account_id VARCHAR(64) PRIMARY KEY
);

-- A breach that suspends affected linkages finds the live ones of an account or provider here.
ALTER TABLE cmd_linkage_route ADD COLUMN expires_at TIMESTAMPTZ;
ALTER TABLE cmd_linkage_route ADD COLUMN revoked BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX ix_cmd_linkage_route_account ON cmd_linkage_route (account_id);
CREATE INDEX ix_cmd_linkage_route_provider ON cmd_linkage_route (provider_id);
