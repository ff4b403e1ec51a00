-- Every version of every tenant's ensemble policy; the current one is the highest version.
CREATE TABLE ensemble_policy_version (
    tenant_id      VARCHAR(64)              NOT NULL,
    policy_version BIGINT                   NOT NULL,
    policy_json    TEXT                     NOT NULL,
    changed_by     VARCHAR(128)             NOT NULL,
    reason         VARCHAR(500),
    changed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    version        BIGINT                   NOT NULL,
    CONSTRAINT ensemble_policy_version_pk PRIMARY KEY (tenant_id, policy_version)
);
