-- Read model of BillingExportImported / BillingExportSuperseded: which file is the current version of each
-- provider's bill per billing account and period, with the totals the import recorded.
CREATE TABLE billing_export_part (
    file_sha256            CHAR(64)                 NOT NULL,
    provider               VARCHAR(64)              NOT NULL,
    billing_account_id     VARCHAR(256)             NOT NULL,
    billing_period         CHAR(7)                  NOT NULL,
    format                 VARCHAR(32)              NOT NULL,
    row_count              BIGINT                   NOT NULL,
    imported_by            VARCHAR(128)             NOT NULL,
    imported_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    superseded_by_sha256   CHAR(64),
    CONSTRAINT billing_export_part_pk PRIMARY KEY (file_sha256, provider, billing_account_id, billing_period)
);
CREATE INDEX billing_export_part_imported_idx ON billing_export_part (imported_at);

CREATE TABLE billing_export_part_total (
    file_sha256            CHAR(64)                 NOT NULL,
    provider               VARCHAR(64)              NOT NULL,
    billing_account_id     VARCHAR(256)             NOT NULL,
    billing_period         CHAR(7)                  NOT NULL,
    currency               VARCHAR(8)               NOT NULL,
    billed_cost            NUMERIC(38, 24)          NOT NULL,
    effective_cost         NUMERIC(38, 24)          NOT NULL,
    list_cost              NUMERIC(38, 24)          NOT NULL,
    CONSTRAINT billing_export_part_total_pk
        PRIMARY KEY (file_sha256, provider, billing_account_id, billing_period, currency)
);
