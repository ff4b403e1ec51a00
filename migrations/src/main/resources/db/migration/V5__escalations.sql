CREATE TABLE escalation (
    escalation_id   VARCHAR(64)              NOT NULL,
    tenant_id       VARCHAR(64)              NOT NULL,
    task_id         VARCHAR(128)             NOT NULL,
    reason          VARCHAR(500)             NOT NULL,
    risk            DOUBLE PRECISION,
    status          VARCHAR(16)              NOT NULL,
    assignee        VARCHAR(128),
    verdict         VARCHAR(16),
    reviewer        VARCHAR(128),
    opened_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    sla_due_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    sla_breached_at TIMESTAMP WITH TIME ZONE,
    resolved_at     TIMESTAMP WITH TIME ZONE,
    version         BIGINT                   NOT NULL,
    CONSTRAINT escalation_pk PRIMARY KEY (escalation_id)
);
CREATE INDEX escalation_queue_idx ON escalation (tenant_id, status, opened_at);
