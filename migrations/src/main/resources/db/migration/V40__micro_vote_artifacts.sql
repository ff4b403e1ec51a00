-- Trained micro-vote models as bytes (Java-serialised Tribuo model and feature scaling: numbers, never a
-- prompt, answer or source) with their SHA-256, checked before a model is loaded. Not a projection: the
-- bytes are not in any event, so a replay must never truncate this table. The newest row is the live model.
CREATE TABLE micro_vote_artifact (
    model_version   VARCHAR(32)              NOT NULL,
    artifact        BYTEA                    NOT NULL,
    artifact_sha256 CHAR(64)                 NOT NULL,
    trained_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT micro_vote_artifact_pk PRIMARY KEY (model_version)
);
CREATE INDEX micro_vote_artifact_trained_at_idx ON micro_vote_artifact (trained_at);
