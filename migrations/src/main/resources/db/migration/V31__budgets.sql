CREATE TABLE budget (
    tenant_id          VARCHAR(64)              NOT NULL,
    period             VARCHAR(7)               NOT NULL,
    soft_cap_usd       NUMERIC(20, 6)           NOT NULL,
    hard_cap_usd       NUMERIC(20, 6)           NOT NULL,
    hard_cap_behaviour VARCHAR(16)              NOT NULL,
    degrade_action     VARCHAR(40)              NOT NULL,
    soft_cap_forecast  BOOLEAN                  NOT NULL,
    hard_cap_active    BOOLEAN                  NOT NULL,
    last_spent_usd     NUMERIC(24, 12),
    last_forecast_usd  NUMERIC(24, 12),
    closed             BOOLEAN                  NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    version            BIGINT                   NOT NULL,
    CONSTRAINT budget_pk PRIMARY KEY (tenant_id, period)
);
CREATE INDEX budget_period_idx ON budget (period);
