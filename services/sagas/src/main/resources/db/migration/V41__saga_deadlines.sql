-- The saga service's persistent deadlines (ADR 0024): db-scheduler 13's table, which Axon's DbSchedulerDeadlineManager
-- schedules into, one row per pending deadline (task_data: Axon's serialized deadline message and scope). The
-- platform keeps the sagas' deadlines with the jobs' (axon_deadlines, V4); the saga service runs apart from the job
-- context, so it has its own. Owned by the saga service (services/sagas); it lives beside the event store.

CREATE TABLE saga_deadlines (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX saga_deadlines_execution_time_idx ON saga_deadlines (execution_time);
CREATE INDEX saga_deadlines_last_heartbeat_idx ON saga_deadlines (last_heartbeat);
