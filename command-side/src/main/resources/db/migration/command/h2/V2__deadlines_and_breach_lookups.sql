-- Axon's deadlines (linkage expiry, registration lapse) on db-scheduler: durable, so a restart
-- loses none. Layout of db-scheduler 14.x; Flyway owns it like every other table.
CREATE TABLE cmd_scheduled_tasks (
    task_name            VARCHAR(100)             NOT NULL,
    task_instance        VARCHAR(100)             NOT NULL,
    task_data            BINARY VARYING,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            VARCHAR(50),
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
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
ALTER TABLE cmd_linkage_route ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE cmd_linkage_route ADD COLUMN revoked BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX ix_cmd_linkage_route_account ON cmd_linkage_route (account_id);
CREATE INDEX ix_cmd_linkage_route_provider ON cmd_linkage_route (provider_id);
