CREATE TABLE cost_reconciliation (
    reconciliation_id      VARCHAR(64)              NOT NULL,
    period_from            DATE                     NOT NULL,
    period_to              DATE                     NOT NULL,
    currency               VARCHAR(3)               NOT NULL,
    internal_usd           NUMERIC(24, 12)          NOT NULL,
    imported_allocated_usd NUMERIC(24, 12)          NOT NULL,
    unallocated_usd        NUMERIC(24, 12)          NOT NULL,
    diff_percent           DOUBLE PRECISION,
    threshold_percent      DOUBLE PRECISION         NOT NULL,
    exceeded               BOOLEAN                  NOT NULL,
    run_trigger            VARCHAR(16)              NOT NULL,
    actor                  VARCHAR(128)             NOT NULL,
    at                     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT cost_reconciliation_pk PRIMARY KEY (reconciliation_id)
);
CREATE INDEX cost_reconciliation_at_idx ON cost_reconciliation (at);
