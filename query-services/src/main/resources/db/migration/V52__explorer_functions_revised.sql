-- The explorer's index functions (V50) again, each with the same answer for every input (ExplorerFunctionsIT
-- compares both versions case by case, malformed input included), made cheaper where a check that cannot raise
-- costs less than the subtransaction an EXCEPTION clause opens, and marked parallel-safe only where they are.
-- Measured in BENCHMARKS.md (issue 11); the reasons in ADR 0013.
--
-- The indexes (V51) are not rebuilt: their expressions name these functions, whose value for every stored row is
-- unchanged, so every index entry stays right.

-- A JSON member: V50's body stays. Without an exception handler the function would have to prove first, without
-- raising, that the bytes are UTF-8 and that jsonb accepts them (pg_input_is_valid parses the document a second
-- time; `IS JSON` accepts what jsonb refuses — \u0000, lone surrogates, numbers numeric cannot hold — so it needs
-- further checks): every exact check measured costs more than the subtransaction (about 0.5 µs a call; the
-- checks 2 µs and more). Nesting deep enough to exhaust the stack can only be caught, not checked.
-- PARALLEL UNSAFE, not V50's SAFE: PostgreSQL 16 refuses subtransactions in parallel mode, so any parallel plan
-- or parallel index build over this function failed ("cannot start subtransactions during a parallel operation";
-- CREATE INDEX over a store of more than about 8 MB builds in parallel).
ALTER FUNCTION chariot_json_member(bytea, text) PARALLEL UNSAFE;

-- An instant: timestamptz input reports every malformed value softly, and parsing an ISO-8601 stamp twice costs
-- no more than a subtransaction. Axon writes Instant.toString(): always UTC with 'Z', so the value does not depend on
-- the session's zone. PL/pgSQL rather than SQL: timestamptz input is STABLE, so an SQL body could not be inlined,
-- and a non-inlined SQL function starts an executor per call.
CREATE OR REPLACE FUNCTION chariot_instant(stamp text) RETURNS timestamptz
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
    IF pg_input_is_valid(stamp, 'timestamptz') THEN
        RETURN stamp::timestamptz;
    END IF;
    RETURN NULL;
END
$$;

-- io.chariot.api.risk.RiskEvents$RiskOpened -> RiskOpened. One immutable expression in SQL: PostgreSQL inlines it,
-- so neither an append nor a query calls a function for it.
CREATE OR REPLACE FUNCTION chariot_event_name(payload_type text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT regexp_replace(payload_type, '^.*[.$]', '')
$$;
