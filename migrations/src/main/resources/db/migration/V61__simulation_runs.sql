-- What-if simulations (POST /api/v1/simulations): one row per run, so that any instance answers its status.
-- Not a projection: runs are jobs, not events; a replay of the event log leaves this table alone.
CREATE TABLE simulation_run (
    id               VARCHAR(64)              NOT NULL,
    tenant_id        VARCHAR(64)              NOT NULL,
    status           VARCHAR(16)              NOT NULL,
    requested_by     VARCHAR(128)             NOT NULL,
    requested_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    range_from       TIMESTAMP WITH TIME ZONE NOT NULL,
    range_to         TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The candidate (policy and HRS version): thresholds and weights, never task content.
    request          JSONB                    NOT NULL,
    progress         JSONB                    NOT NULL,
    result           JSONB,
    error            VARCHAR(1000),
    -- The instance running it, and when it last reported: a run whose instance stopped is ended as FAILED.
    instance_id      VARCHAR(255)             NOT NULL,
    heartbeat_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Set by a cancellation received on any instance; the running instance reads it with each heartbeat.
    cancel_requested BOOLEAN                  NOT NULL DEFAULT FALSE,
    ended_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT simulation_run_pk PRIMARY KEY (id)
);
CREATE INDEX simulation_run_running_idx ON simulation_run (instance_id) WHERE status = 'RUNNING';

-- A tenant's task events (decisions, labels, disagreements: the VerifiedTask aggregate, whose identifier is
-- task:<tenant>:<task id>) by type and time, so that a simulation reads one tenant's range instead of the whole
-- event log: a day of a tenant among 300,000 other events read 2.8 times faster through it than by a sequential
-- scan and sort (BENCHMARKS.md), and the gap grows with the rest of the log. time_stamp is an ISO-8601 string: COLLATE "C" makes its order byte order, the
-- same on every server whatever the database's collation. The aggregate identifier is included so that counting a
-- range and reading its disagreements need not visit the table.
/* [jooq ignore start] */
CREATE INDEX domain_event_entry_task_range_idx ON domain_event_entry
    (split_part(aggregate_identifier, ':', 2), payload_type, time_stamp COLLATE "C")
    INCLUDE (aggregate_identifier)
    WHERE type = 'VerifiedTask';
/* [jooq ignore stop] */
