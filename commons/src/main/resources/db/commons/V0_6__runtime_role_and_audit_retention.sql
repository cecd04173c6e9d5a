-- The service runs as its own database role (${runtimeRole}), not as the owner that migrates the schema:
-- it reads and writes the tables, but it cannot change them, and it can only append to the audit trail.
grant usage on schema public to ${runtimeRole};
grant select, insert, update, delete on all tables in schema public to ${runtimeRole};
grant usage, select on all sequences in schema public to ${runtimeRole};
alter default privileges in schema public grant select, insert, update, delete on tables to ${runtimeRole};
alter default privileges in schema public grant usage, select on sequences to ${runtimeRole};
revoke all on flyway_schema_history from ${runtimeRole};
revoke update, delete, truncate on audit_record from ${runtimeRole};

-- Retention: records older than the retention period are purged, never younger than 180 days (the legal
-- minimum for network logs). The last purged record's hash is kept, so the remaining chain still verifies.
create table audit_checkpoint (
    seq         bigint primary key,
    hash        char(64)    not null,
    purged_at   timestamptz not null,
    purged      bigint      not null,
    retained    interval    not null
);
revoke insert, update, delete, truncate on audit_checkpoint from ${runtimeRole};

create or replace function audit_record_is_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and old.at < now() - interval '180 days' then
        return old;
    end if;
    raise exception 'audit_record is append-only';
end $$;

-- Runs with the owner's rights: the runtime role may call it, but not delete records itself.
create function audit_purge(retain interval) returns bigint language plpgsql security definer
    set search_path = public, pg_temp as $$
declare
    last_seq  bigint;
    last_hash char(64);
    purged    bigint;
begin
    if retain < interval '180 days' then
        raise exception 'audit retention % is below the legal minimum of 180 days', retain;
    end if;
    perform pg_advisory_xact_lock(107156823700556); -- the chain lock AuditTrail appends under
    select seq, hash into last_seq, last_hash from audit_record
        where at < now() - retain order by seq desc limit 1;
    if last_seq is null then
        return 0;
    end if;
    delete from audit_record where seq <= last_seq;
    get diagnostics purged = row_count;
    insert into audit_checkpoint (seq, hash, purged_at, purged, retained)
        values (last_seq, last_hash, now(), purged, retain);
    return purged;
end $$;
revoke all on function audit_purge(interval) from public;
grant execute on function audit_purge(interval) to ${runtimeRole};
