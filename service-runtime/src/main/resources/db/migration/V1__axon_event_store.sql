-- Axon's JDBC storage on PostgreSQL (STACK-NOTES traps 6 and 7): bytea payloads, not oid large objects.
-- Names are unquoted camel case, as Axon's default schemas write them; PostgreSQL folds them to lower case.
-- Aggregate identifiers are tenant + Chariot key, so they get TEXT rather than Axon's VARCHAR(255).

CREATE TABLE domainEventEntry (
    globalIndex         BIGSERIAL    NOT NULL,
    aggregateIdentifier TEXT         NOT NULL,
    sequenceNumber      BIGINT       NOT NULL,
    type                VARCHAR(255),
    eventIdentifier     VARCHAR(255) NOT NULL,
    metaData            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadRevision     VARCHAR(255),
    payloadType         VARCHAR(255) NOT NULL,
    timeStamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (globalIndex),
    UNIQUE (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);

CREATE TABLE snapshotEventEntry (
    aggregateIdentifier TEXT         NOT NULL,
    sequenceNumber      BIGINT       NOT NULL,
    type                VARCHAR(255) NOT NULL,
    eventIdentifier     VARCHAR(255) NOT NULL,
    metaData            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadRevision     VARCHAR(255),
    payloadType         VARCHAR(255) NOT NULL,
    timeStamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);

CREATE TABLE tokenEntry (
    processorName VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokenType     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorName, segment)
);

CREATE TABLE sagaEntry (
    sagaId         VARCHAR(255) NOT NULL,
    revision       VARCHAR(255),
    sagaType       VARCHAR(255),
    serializedSaga BYTEA,
    PRIMARY KEY (sagaId)
);

CREATE TABLE associationValueEntry (
    id               BIGSERIAL    NOT NULL,
    associationKey   VARCHAR(255) NOT NULL,
    associationValue VARCHAR(255),
    sagaType         VARCHAR(255) NOT NULL,
    sagaId           VARCHAR(255) NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX associationValueEntry_sagaType_key_value ON associationValueEntry (sagaType, associationKey, associationValue);
CREATE INDEX associationValueEntry_sagaId_type ON associationValueEntry (sagaId, sagaType);

CREATE TABLE deadLetterEntry (
    deadLetterId        VARCHAR(255) NOT NULL,
    processingGroup     VARCHAR(255) NOT NULL,
    sequenceIdentifier  VARCHAR(255) NOT NULL,
    sequenceIndex       BIGINT       NOT NULL,
    messageType         VARCHAR(255) NOT NULL,
    eventIdentifier     VARCHAR(255) NOT NULL,
    timeStamp           VARCHAR(255) NOT NULL,
    payloadType         VARCHAR(255) NOT NULL,
    payloadRevision     VARCHAR(255),
    payload             BYTEA        NOT NULL,
    metaData            BYTEA,
    aggregateType       VARCHAR(255),
    aggregateIdentifier TEXT,
    sequenceNumber      BIGINT,
    tokenType           VARCHAR(255),
    token               BYTEA,
    enqueuedAt          VARCHAR(255) NOT NULL,
    lastTouched         VARCHAR(255),
    processingStarted   VARCHAR(255),
    causeType           VARCHAR(255),
    causeMessage        VARCHAR(1023),
    diagnostics         BYTEA,
    CONSTRAINT deadLetterEntry_pk PRIMARY KEY (deadLetterId),
    CONSTRAINT deadLetterEntry_sequence UNIQUE (processingGroup, sequenceIdentifier, sequenceIndex)
);
CREATE INDEX deadLetterEntry_group ON deadLetterEntry (processingGroup);
CREATE INDEX deadLetterEntry_group_sequence ON deadLetterEntry (processingGroup, sequenceIdentifier);
