-- A key's name is held to the store limits of the command side (StoreLimits.INDEXED_BYTES, the table's index limit),
-- not to this column's old VARCHAR(255): a longer name failed the in-transaction insert and, before failures
-- propagated, rolled its ApiKeyIssued event back while the request answered 200.
ALTER TABLE api_key_credential ALTER COLUMN name TYPE TEXT;
