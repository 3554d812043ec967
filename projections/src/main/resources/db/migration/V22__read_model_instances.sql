-- Every instance that follows the read models says when it last polled and up to when it has obeyed the pause
-- requests (ADR 0026): a rebuild waits until every instance seen within the lease has acknowledged its request, so
-- its cut is taken only once no other instance can still apply to the generation being replaced.
CREATE TABLE read_model_instance (
    instance   VARCHAR(200) PRIMARY KEY,
    seen_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    acked_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
