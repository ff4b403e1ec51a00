-- Answers to command requests that carried an Idempotency-Key, so that a retry returns the
-- first answer instead of applying the command twice. Bodies never contain prompt or answer text.
CREATE TABLE idempotent_request (
    principal      VARCHAR(128)             NOT NULL,
    idempotency_key VARCHAR(128)            NOT NULL,
    request_hash   CHAR(64)                 NOT NULL,
    method         VARCHAR(8)               NOT NULL,
    path           VARCHAR(512)             NOT NULL,
    status         INTEGER,
    content_type   VARCHAR(128),
    etag           VARCHAR(64),
    location       VARCHAR(512),
    body           BYTEA,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT idempotent_request_pk PRIMARY KEY (principal, idempotency_key)
);
CREATE INDEX idempotent_request_created_idx ON idempotent_request (created_at);
