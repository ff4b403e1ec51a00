-- Fleet rollouts: one ensemble-policy candidate rolled out to many tenants in waves. What happens on each tenant is
-- in that tenant's rollout (V60); these tables say which rollouts belong to the fleet and how the fleet ended.

CREATE TABLE fleet_rollout (
    fleet_rollout_id VARCHAR(64)              NOT NULL,
    target           JSONB                    NOT NULL,
    plan             JSONB                    NOT NULL,
    -- the tenant ids in wave order, as a JSON array
    tenants          JSONB                    NOT NULL,
    wave_size        INTEGER                  NOT NULL,
    status           VARCHAR(32)              NOT NULL,
    waves            INTEGER                  NOT NULL,
    requested_by     VARCHAR(128)             NOT NULL,
    approved_by      VARCHAR(128),
    reason           VARCHAR(1000),
    requested_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at         TIMESTAMP WITH TIME ZONE,
    ended_by         VARCHAR(128),
    end_reason       VARCHAR(2000),
    CONSTRAINT fleet_rollout_pk PRIMARY KEY (fleet_rollout_id)
);
CREATE INDEX fleet_rollout_requested_idx ON fleet_rollout (requested_at);

-- One row per tenant whose wave was released.
CREATE TABLE fleet_rollout_member (
    fleet_rollout_id VARCHAR(64)              NOT NULL,
    tenant_id        VARCHAR(64)              NOT NULL,
    rollout_id       VARCHAR(64)              NOT NULL,
    wave             INTEGER                  NOT NULL,
    released_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome          VARCHAR(32),
    outcome_reason   VARCHAR(2000),
    ended_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT fleet_rollout_member_pk PRIMARY KEY (fleet_rollout_id, tenant_id)
);
