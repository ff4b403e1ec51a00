-- The event log is write-once (WORM): a stored event can be neither changed nor removed.
-- Auditors rely on this together with the hash chain (audit_chain).
/* [jooq ignore start] */
CREATE FUNCTION reject_event_log_rewrite() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'the event log is write-once: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER domain_event_entry_write_once
    BEFORE UPDATE OR DELETE ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION reject_event_log_rewrite();

CREATE TRIGGER domain_event_entry_no_truncate
    BEFORE TRUNCATE ON domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION reject_event_log_rewrite();
/* [jooq ignore stop] */
