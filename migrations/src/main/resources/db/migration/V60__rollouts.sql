-- Rollouts: the samples their gates judge, the rollouts themselves and every judged look at a step. Text columns
-- are VARCHAR, as in V50: DDLDatabase reads TEXT as CLOB.

-- Read model of TaskVerified + TaskLabelled: one row per treatment-group task the ensemble decided (control-group
-- tasks and tasks escalated by a budget hard cap are no samples), with what the rollout gates measure.
-- cost_usd is the decision's LLM + verification cost; review_cost_usd stays NULL until the task is labelled, and
-- marks it labelled, so that the gates' cost is cost_usd + review_cost_usd.
CREATE TABLE rollout_sample (
    tenant_id              VARCHAR(64)              NOT NULL,
    task_id                VARCHAR(128)             NOT NULL,
    verified_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    hrs_version            VARCHAR(64),
    policy_version         BIGINT                   NOT NULL,
    decision_micros        BIGINT                   NOT NULL,
    strategy_failed        BOOLEAN                  NOT NULL,
    escalated              BOOLEAN                  NOT NULL,
    cost_usd               DOUBLE PRECISION         NOT NULL,
    -- NULL while unlabelled and for an UNSURE verdict.
    labelled_hallucination BOOLEAN,
    review_cost_usd        DOUBLE PRECISION,
    CONSTRAINT rollout_sample_pk PRIMARY KEY (tenant_id, task_id)
);
CREATE INDEX rollout_sample_window_idx ON rollout_sample (tenant_id, verified_at);

-- Read model of the rollouts of every tenant, one row per rollout from its request to its end.
CREATE TABLE rollout (
    rollout_id   VARCHAR(64)              NOT NULL,
    tenant_id    VARCHAR(64)              NOT NULL,
    component    VARCHAR(32)              NOT NULL,
    target       JSONB                    NOT NULL,
    plan         JSONB                    NOT NULL,
    status       VARCHAR(32)              NOT NULL,
    canary_key   VARCHAR(64),
    step         INTEGER                  NOT NULL,
    share        DOUBLE PRECISION         NOT NULL,
    requested_by VARCHAR(128)             NOT NULL,
    approved_by  VARCHAR(128),
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE,
    ended_at     TIMESTAMP WITH TIME ZONE,
    ended_by     VARCHAR(128),
    end_reason   VARCHAR(1000),
    last_action  VARCHAR(16),
    CONSTRAINT rollout_pk PRIMARY KEY (rollout_id)
);
CREATE INDEX rollout_tenant_idx ON rollout (tenant_id, requested_at);

-- Every judged look at a rollout's step, with the window's numbers and every gate's verdict.
CREATE TABLE rollout_decision (
    rollout_id   VARCHAR(64)              NOT NULL,
    evaluation   BIGINT                   NOT NULL,
    tenant_id    VARCHAR(64)              NOT NULL,
    step         INTEGER                  NOT NULL,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    -- not "window", a reserved word in PostgreSQL
    window_stats JSONB                    NOT NULL,
    judgement    JSONB                    NOT NULL,
    CONSTRAINT rollout_decision_pk PRIMARY KEY (rollout_id, evaluation)
);
