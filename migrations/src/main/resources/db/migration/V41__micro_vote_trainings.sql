-- Read model of MicroVoteModelTrained: one row per training, newest first in the API.
CREATE TABLE micro_vote_training (
    event_id          VARCHAR(255)             NOT NULL,
    model_version     VARCHAR(32)              NOT NULL,
    rows_total        INTEGER                  NOT NULL,
    hallucinated_rows INTEGER                  NOT NULL,
    holdout_rows      INTEGER                  NOT NULL,
    holdout_auc       DOUBLE PRECISION         NOT NULL,
    holdout_accuracy  DOUBLE PRECISION         NOT NULL,
    seed              BIGINT                   NOT NULL,
    artifact_sha256   CHAR(64)                 NOT NULL,
    trained_by        VARCHAR(128)             NOT NULL,
    trained_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT micro_vote_training_pk PRIMARY KEY (event_id)
);
