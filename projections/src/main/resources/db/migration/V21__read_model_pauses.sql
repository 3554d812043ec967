-- Pauses of a processing group on every instance (ADR 0005, ADR 0026): the instance that rebuilds a read model asks,
-- every other instance shuts its processor for the group down (releasing its segment claims) and starts it again
-- once the row is gone. The asking instance renews its rows; a row not renewed within the lease (a crashed asker)
-- is ignored, so a dead instance never keeps the others paused. Owned by the projections module.
CREATE TABLE read_model_pause (
    processing_group VARCHAR(100) PRIMARY KEY,
    requested_by     VARCHAR(200) NOT NULL,
    requested_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    renewed_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
