-- The event explorer's filters read members of the event store's JSON (Axon's Jackson serializer writes payload and
-- metadata as UTF-8 JSON in bytea) and its ISO-8601 timestamps. Expression indexes need IMMUTABLE functions; these
-- are (the same bytes always give the same answer), and they never raise: a row they cannot read is simply not
-- indexed under that member, and the write that stores it never fails because of the explorer. ADR 0013.

CREATE OR REPLACE FUNCTION chariot_json_member(document bytea, member text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
    RETURN convert_from(document, 'UTF8')::jsonb ->> member;
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION chariot_instant(stamp text) RETURNS timestamptz
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
    -- Axon writes Instant.toString(): always UTC with 'Z', so the value does not depend on the session's zone
    RETURN stamp::timestamptz;
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$$;

-- io.chariot.api.risk.RiskEvents$RiskOpened -> RiskOpened: the name the explorer filters and shows
CREATE OR REPLACE FUNCTION chariot_event_name(payload_type text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
    RETURN regexp_replace(payload_type, '^.*[.$]', '');
END
$$;
