-- Containment KPIs per tenant, day (UTC), policy version and group (control or treatment).
-- kpi_task remembers where each task was counted, so that a label arriving days later lands in the
-- task's own row, and so that a redelivered event is counted once.
CREATE TABLE kpi_task (
    tenant_id        VARCHAR(64)  NOT NULL,
    task_id          VARCHAR(128) NOT NULL,
    day              DATE         NOT NULL,
    policy_version   BIGINT       NOT NULL,
    control_group    BOOLEAN      NOT NULL,
    decision         VARCHAR(16)  NOT NULL,
    disagreed        BOOLEAN      NOT NULL DEFAULT FALSE,
    label            VARCHAR(16),
    CONSTRAINT kpi_task_pk PRIMARY KEY (tenant_id, task_id)
);

CREATE TABLE kpi_daily (
    tenant_id               VARCHAR(64)     NOT NULL,
    day                     DATE            NOT NULL,
    policy_version          BIGINT          NOT NULL,
    control_group           BOOLEAN         NOT NULL,
    tasks                   BIGINT          NOT NULL DEFAULT 0,
    escalated               BIGINT          NOT NULL DEFAULT 0,
    disagreements           BIGINT          NOT NULL DEFAULT 0,
    labelled                BIGINT          NOT NULL DEFAULT 0,
    caught_hallucinations   BIGINT          NOT NULL DEFAULT 0,
    escaped_hallucinations  BIGINT          NOT NULL DEFAULT 0,
    llm_cost_usd            NUMERIC(20, 10) NOT NULL DEFAULT 0,
    verification_cost_usd   NUMERIC(20, 10) NOT NULL DEFAULT 0,
    review_cost_usd         NUMERIC(20, 10) NOT NULL DEFAULT 0,
    CONSTRAINT kpi_daily_pk PRIMARY KEY (tenant_id, day, policy_version, control_group)
);

-- Decision latency as a log-bucketed histogram, so percentiles can be merged across days and versions.
CREATE TABLE kpi_latency (
    tenant_id      VARCHAR(64) NOT NULL,
    day            DATE        NOT NULL,
    policy_version BIGINT      NOT NULL,
    control_group  BOOLEAN     NOT NULL,
    bucket         INTEGER     NOT NULL,
    tasks          BIGINT      NOT NULL,
    CONSTRAINT kpi_latency_pk PRIMARY KEY (tenant_id, day, policy_version, control_group, bucket)
);
