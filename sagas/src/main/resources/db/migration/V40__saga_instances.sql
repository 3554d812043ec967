-- The operator's view of every saga instance (module sagas, SagaJournal): what it is about, its state, the steps it
-- did, the compensations it ran and the deadlines it waits for. Written in the same transaction as the saga's own
-- state, so the view never shows a step the saga does not know it did. Axon's sagaEntry holds the saga's serialized
-- state; this table is ours, so the view survives a move off Axon's saga store.
CREATE TABLE saga_instance (
    saga_id       TEXT        NOT NULL PRIMARY KEY,
    saga_type     TEXT        NOT NULL,
    tenant        TEXT        NOT NULL,
    subject       TEXT        NOT NULL,
    state         TEXT        NOT NULL,
    reason        TEXT,
    associations  JSONB       NOT NULL DEFAULT '{}',
    steps         JSONB       NOT NULL DEFAULT '[]',
    compensations JSONB       NOT NULL DEFAULT '[]',
    deadlines     JSONB       NOT NULL DEFAULT '{}',
    started_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX saga_instance_type_state ON saga_instance (saga_type, state, updated_at);
CREATE INDEX saga_instance_tenant ON saga_instance (tenant);
