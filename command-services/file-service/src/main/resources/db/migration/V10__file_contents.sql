-- The file context's contents (ADR 0003): one row per (tenant, name), written in the same transaction as the
-- FileUploaded / FileDeleted events, so a stored file and its record never disagree.
CREATE TABLE file_content (
    tenant   VARCHAR(320)  NOT NULL,
    name     VARCHAR(1024) NOT NULL,
    content  BYTEA         NOT NULL,
    size     BIGINT        NOT NULL,
    sha256   CHAR(64)      NOT NULL,
    updated  TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (tenant, name)
);
