-- Charges of imported billing exports, normalized to FOCUS columns. Written by the importer in the same
-- transaction as the BillingExportImported events (not a projection: the rows come from the file, not from
-- events). A file's rows count only while billing_export_part says its part is current.
CREATE TABLE billing_line_item (
    file_sha256          CHAR(64)                 NOT NULL,
    line_number          BIGINT                   NOT NULL,
    provider             VARCHAR(64)              NOT NULL,
    billing_account_id   VARCHAR(256)             NOT NULL,
    billing_period       CHAR(7)                  NOT NULL,
    charge_period_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    charge_period_end    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- UTC date of charge_period_start: a charge counts on the day it starts.
    charge_day           DATE                     NOT NULL,
    charge_category      VARCHAR(64)              NOT NULL,
    service_name         VARCHAR,
    resource_id          VARCHAR,
    tags                 JSONB,
    billing_currency     VARCHAR(8)               NOT NULL,
    billed_cost          NUMERIC(38, 24)          NOT NULL,
    effective_cost       NUMERIC(38, 24)          NOT NULL,
    list_cost            NUMERIC(38, 24),
    CONSTRAINT billing_line_item_pk PRIMARY KEY (file_sha256, line_number)
);
CREATE INDEX billing_line_item_day_idx ON billing_line_item (charge_day);
