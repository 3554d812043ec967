-- The account context's link read model: what the `account` header checks (AccountLinks). Written by a subscribing
-- processor in the same transaction as the AccountLinked/AccountRoleChanged/AccountUnlinked events, so a link
-- grants (and an unlink revokes) access the moment its command returns.
CREATE TABLE account_link (
    tenant  VARCHAR(320) NOT NULL,
    member  VARCHAR(320) NOT NULL,
    value   TEXT         NOT NULL,
    role    VARCHAR(32)  NOT NULL,
    updated TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant, member, value)
);
CREATE INDEX account_link_member ON account_link (member);
