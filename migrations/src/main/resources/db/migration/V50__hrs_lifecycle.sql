-- The HRS model lifecycle: its training set, artifacts, versions, routing, promotions, trainings, online scores
-- and the training lease. Text columns are VARCHAR like everywhere here: jOOQ generates from these scripts
-- through DDLDatabase, which reads TEXT as CLOB, a large-object type that does not belong in a key.

-- Read model of TaskVerified + TaskLabelled: the labelled, PI-safe training set, one row per task. Features are
-- two parallel arrays (names, values) because jsonb cannot hold NaN or infinities, and the training must see
-- them to refuse the rows that carry them. The event indexes let anyone rebuild the data from the event log.
CREATE TABLE hrs_training_row (
    tenant_id            VARCHAR(64)              NOT NULL,
    task_id              VARCHAR(128)             NOT NULL,
    verified_event_index BIGINT                   NOT NULL,
    verified_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    feature_names        VARCHAR(128)[]           NOT NULL,
    feature_values       DOUBLE PRECISION[]       NOT NULL,
    -- NULL until labelled, and for an UNSURE verdict, which is no label to learn from.
    hallucinated         BOOLEAN,
    label_event_index    BIGINT,
    labelled_at          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT hrs_training_row_pk PRIMARY KEY (tenant_id, task_id)
);
CREATE INDEX hrs_training_row_window_idx ON hrs_training_row (tenant_id, verified_at);

-- Trained HRS artifacts (Tribuo model bytes: numbers, never text), written in the registration's transaction.
-- Not a projection: the bytes are in no event, so a replay must never truncate this table.
CREATE TABLE hrs_model_artifact (
    tenant_id      VARCHAR(64)              NOT NULL,
    model_version  VARCHAR(64)              NOT NULL,
    sha256         CHAR(64)                 NOT NULL,
    signature      VARCHAR(256)             NOT NULL,
    signing_key_id CHAR(64)                 NOT NULL,
    bytes          BYTEA                    NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    CONSTRAINT hrs_model_artifact_pk PRIMARY KEY (tenant_id, model_version)
);

-- A registered version is immutable (its hash and signature are in the event log): its artifact may be neither
-- changed nor removed, like the events themselves (V3).
/* [jooq ignore start] */
CREATE FUNCTION reject_hrs_artifact_rewrite() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'HRS artifacts are write-once: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER hrs_model_artifact_write_once
    BEFORE UPDATE OR DELETE ON hrs_model_artifact
    FOR EACH ROW EXECUTE FUNCTION reject_hrs_artifact_rewrite();

CREATE TRIGGER hrs_model_artifact_no_truncate
    BEFORE TRUNCATE ON hrs_model_artifact
    FOR EACH STATEMENT EXECUTE FUNCTION reject_hrs_artifact_rewrite();
/* [jooq ignore stop] */

-- Read model of the registered versions, with their place in the current routing and any load refusal.
CREATE TABLE hrs_model_version (
    tenant_id     VARCHAR(64)              NOT NULL,
    model_version VARCHAR(64)              NOT NULL,
    model         JSONB                    NOT NULL,
    registered_by VARCHAR(128)             NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    role          VARCHAR(16),
    refusal       VARCHAR(500),
    CONSTRAINT hrs_model_version_pk PRIMARY KEY (tenant_id, model_version)
);
CREATE INDEX hrs_model_version_registered_idx ON hrs_model_version (tenant_id, registered_at);

-- Read model of the routing each tenant's hot path follows; version is the line's aggregate version.
CREATE TABLE hrs_routing (
    tenant_id  VARCHAR(64)              NOT NULL,
    routing    JSONB                    NOT NULL,
    changed_by VARCHAR(128)             NOT NULL,
    cause      VARCHAR(500),
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    version    BIGINT                   NOT NULL,
    CONSTRAINT hrs_routing_pk PRIMARY KEY (tenant_id)
);

-- Read model of promotion requests and their four-eyes decisions.
CREATE TABLE hrs_promotion_request (
    request_id       VARCHAR(64)              NOT NULL,
    tenant_id        VARCHAR(64)              NOT NULL,
    model_version    VARCHAR(64)              NOT NULL,
    target           VARCHAR(16)              NOT NULL,
    challenger_share DOUBLE PRECISION         NOT NULL,
    status           VARCHAR(16)              NOT NULL,
    requested_by     VARCHAR(128)             NOT NULL,
    reason           VARCHAR(500),
    requested_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by       VARCHAR(128),
    decision_reason  VARCHAR(500),
    decided_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT hrs_promotion_request_pk PRIMARY KEY (request_id)
);
CREATE INDEX hrs_promotion_request_tenant_idx ON hrs_promotion_request (tenant_id, requested_at);

-- Read model of background trainings, one row per training from start to its version or failure.
CREATE TABLE hrs_training (
    training_id       VARCHAR(64)              NOT NULL,
    tenant_id         VARCHAR(64)              NOT NULL,
    status            VARCHAR(16)              NOT NULL,
    window_from       TIMESTAMP WITH TIME ZONE NOT NULL,
    window_to         TIMESTAMP WITH TIME ZONE NOT NULL,
    seed              BIGINT                   NOT NULL,
    candidates        VARCHAR(64)[]            NOT NULL,
    rows_total        INTEGER                  NOT NULL,
    hallucinated_rows INTEGER                  NOT NULL,
    trigger_kind      VARCHAR(32)              NOT NULL,
    started_by        VARCHAR(128)             NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    stage             VARCHAR(64),
    step              INTEGER                  NOT NULL DEFAULT 0,
    steps             INTEGER                  NOT NULL DEFAULT 0,
    detail            VARCHAR(1000),
    model_version     VARCHAR(64),
    failure           VARCHAR(1000),
    finished_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT hrs_training_pk PRIMARY KEY (training_id)
);
CREATE INDEX hrs_training_tenant_idx ON hrs_training (tenant_id, started_at);

-- Read model of live HRS risks: one row per task and version that scored it, deciding or as a shadow, and the
-- task's label once a human gave it; the online AUC of a version is computed from these rows.
CREATE TABLE hrs_online_score (
    tenant_id     VARCHAR(64)      NOT NULL,
    task_id       VARCHAR(128)     NOT NULL,
    model_version VARCHAR(64)      NOT NULL,
    deciding      BOOLEAN          NOT NULL,
    risk          DOUBLE PRECISION NOT NULL,
    hallucinated  BOOLEAN,
    CONSTRAINT hrs_online_score_pk PRIMARY KEY (tenant_id, task_id, model_version, deciding)
);

-- At most one training per tenant across instances; an expired row may be taken over. Not a projection.
CREATE TABLE hrs_training_lease (
    tenant_id  VARCHAR(64)              NOT NULL,
    holder     VARCHAR(128)             NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT hrs_training_lease_pk PRIMARY KEY (tenant_id)
);
