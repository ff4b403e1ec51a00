CREATE TABLE tenant (
    tenant_id               VARCHAR(64)              NOT NULL,
    display_name            VARCHAR(200)             NOT NULL,
    escalation_sla_seconds  BIGINT                   NOT NULL,
    review_sample_rate      DOUBLE PRECISION         NOT NULL,
    status                  VARCHAR(16)              NOT NULL,
    registered_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    version                 BIGINT                   NOT NULL,
    CONSTRAINT tenant_pk PRIMARY KEY (tenant_id)
);
