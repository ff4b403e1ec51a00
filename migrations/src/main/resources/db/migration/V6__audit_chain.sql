-- Tamper-evident hash chain over the event log, in the order the audit projection processed it
-- (chain_position). The recipe is documented in README.md ("Audit chain") and in
-- io.flk.domain.audit.AuditChainRecipe.
CREATE TABLE audit_chain (
    chain_position BIGINT       NOT NULL,
    global_index   BIGINT       NOT NULL,
    event_id       VARCHAR(255) NOT NULL,
    event_type     VARCHAR(255) NOT NULL,
    aggregate_id   VARCHAR(255) NOT NULL,
    time_stamp     VARCHAR(255) NOT NULL,
    payload_sha256 CHAR(64)     NOT NULL,
    prev_hash      CHAR(64)     NOT NULL,
    hash           CHAR(64)     NOT NULL,
    CONSTRAINT audit_chain_pk PRIMARY KEY (chain_position),
    CONSTRAINT audit_chain_global_index_uk UNIQUE (global_index),
    CONSTRAINT audit_chain_event_id_uk UNIQUE (event_id)
);
