-- Tenants' data keys for personal data in events (crypto-shredding, ADR 0019). wrapped_key is the tenant's 32-byte
-- data key encrypted under the master key (chariot.crypto.master-key); destroying it sets it to NULL and keeps the
-- row as a tombstone: destroyed_at is the proof that the tenant's personal data was made unreadable.
CREATE TABLE tenant_data_key (
    tenant       TEXT        NOT NULL PRIMARY KEY,
    wrapped_key  BYTEA,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    destroyed_at TIMESTAMPTZ,
    CONSTRAINT tenant_data_key_destroyed_has_no_key CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
);
