-- Axon's JDBC dead-letter queue (one per streaming processing group): parked events wait here, in order per
-- aggregate, until an operator retries or discards them. Column names are Axon's defaults (DeadLetterSchema);
-- the table V1 created never held a row and did not match them. Sequence identifiers are aggregate identifiers
-- (tenant + Chariot key), hence TEXT.
DROP TABLE IF EXISTS deadLetterEntry;

CREATE TABLE deadLetterEntry (
    deadLetterIdentifier VARCHAR(255) NOT NULL,
    processingGroup      VARCHAR(255) NOT NULL,
    sequenceIdentifier   TEXT         NOT NULL,
    sequenceIndex        BIGINT       NOT NULL,
    messageType          VARCHAR(255) NOT NULL,
    eventIdentifier      VARCHAR(255) NOT NULL,
    timestamp            VARCHAR(255) NOT NULL,
    payloadType          VARCHAR(255) NOT NULL,
    payloadRevision      VARCHAR(255),
    payload              BYTEA        NOT NULL,
    metaData             BYTEA,
    type                 VARCHAR(255),
    aggregateIdentifier  TEXT,
    sequenceNumber       BIGINT,
    tokenType            VARCHAR(255),
    token                BYTEA,
    enqueuedAt           VARCHAR(255) NOT NULL,
    lastTouched          VARCHAR(255),
    processingStarted    VARCHAR(255),
    causeType            VARCHAR(255),
    causeMessage         VARCHAR(1023),
    diagnostics          BYTEA,
    CONSTRAINT deadLetterEntry_pk PRIMARY KEY (deadLetterIdentifier),
    CONSTRAINT deadLetterEntry_sequence UNIQUE (processingGroup, sequenceIdentifier, sequenceIndex)
);
CREATE INDEX deadLetterEntry_group ON deadLetterEntry (processingGroup);
CREATE INDEX deadLetterEntry_group_sequence ON deadLetterEntry (processingGroup, sequenceIdentifier);
