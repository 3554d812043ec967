-- The read alias of every read model (which generation queries and live handlers use) and the checkpoints of
-- rebuilds, so a killed rebuild resumes where it stopped. Owned by the projections module.
CREATE TABLE read_model_generation (
    model        VARCHAR(100) PRIMARY KEY,
    live         INT          NOT NULL DEFAULT 0,
    highest      INT          NOT NULL DEFAULT 0,
    version      INT          NOT NULL DEFAULT 1,
    switched_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE projection_rebuild (
    projection     VARCHAR(100)  PRIMARY KEY,
    models         VARCHAR(1000) NOT NULL,
    mode           VARCHAR(20)   NOT NULL,
    generation     INT           NOT NULL,
    segments       INT           NOT NULL,
    from_position  BIGINT,
    position       BIGINT,
    head           BIGINT        NOT NULL,
    events_done    BIGINT        NOT NULL DEFAULT 0,
    state          VARCHAR(20)   NOT NULL,
    started_at     TIMESTAMPTZ   NOT NULL,
    updated_at     TIMESTAMPTZ   NOT NULL,
    error          TEXT
);
