-- Persistent deadlines (job run timeouts): the table of db-scheduler 13, which Axon's DbSchedulerDeadlineManager
-- schedules into. One row per pending deadline; task_data holds Axon's serialized deadline message and scope.
-- Owned by the job context (command-services/job-service); it lives beside the event store in PostgreSQL.

CREATE TABLE axon_deadlines (
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

CREATE INDEX axon_deadlines_execution_time_idx ON axon_deadlines (execution_time);
CREATE INDEX axon_deadlines_last_heartbeat_idx ON axon_deadlines (last_heartbeat);
