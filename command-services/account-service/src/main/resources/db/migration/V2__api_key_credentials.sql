-- The account context's credential read model: what GET /token checks. Written by a subscribing processor in the
-- same transaction as the ApiKeyIssued/ApiKeyRevoked events, so a key works the moment its command returns.
-- Only a SHA-256 hash of each secret is stored.
CREATE TABLE api_key_credential (
    key_id      VARCHAR(255) PRIMARY KEY,
    tenant      VARCHAR(320) NOT NULL,
    name        VARCHAR(255),
    secret_hash VARCHAR(64)  NOT NULL,
    role        VARCHAR(32)  NOT NULL,
    expires     TIMESTAMPTZ,
    revoked     BOOLEAN      NOT NULL DEFAULT FALSE,
    issued_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX api_key_credential_tenant ON api_key_credential (tenant);
