-- Internal cost attribution: one row per cost a TaskVerified / TaskLabelled event recorded, keyed by the event
-- so that a redelivered event changes nothing; queries sum per day, tenant, model, component and strategy.
CREATE TABLE cost_line (
    event_id    VARCHAR(64)    NOT NULL,
    component   VARCHAR(16)    NOT NULL,
    strategy    VARCHAR(32)    NOT NULL,
    tenant_id   VARCHAR(64)    NOT NULL,
    day         DATE           NOT NULL,
    llm_model   VARCHAR(128)   NOT NULL,
    cost_usd    NUMERIC(24, 12) NOT NULL,
    CONSTRAINT cost_line_pk PRIMARY KEY (event_id, component, strategy)
);
CREATE INDEX cost_line_tenant_day_idx ON cost_line (tenant_id, day);
CREATE INDEX cost_line_day_idx ON cost_line (day);

-- The LLM model of each verified task, so that a later human review is attributed to it.
CREATE TABLE cost_task_model (
    tenant_id   VARCHAR(64)  NOT NULL,
    task_id     VARCHAR(128) NOT NULL,
    llm_model   VARCHAR(128) NOT NULL,
    CONSTRAINT cost_task_model_pk PRIMARY KEY (tenant_id, task_id)
);
