-- One definition of the lock every append and purge of the audit chain takes.
create function audit_chain_lock() returns void language sql as $$
    select pg_advisory_xact_lock(107156823700556);
$$;

-- Purge only the oldest records up to the first one still inside the retention period: record times
-- come from several pods' clocks, so a younger record may sit between older ones and must stay.
create or replace function audit_purge(retain interval) returns bigint language plpgsql security definer
    set search_path = public, pg_temp as $$
declare
    keep_from bigint;
    last_seq  bigint;
    last_hash char(64);
    purged    bigint;
begin
    if retain < interval '180 days' then
        raise exception 'audit retention % is below the legal minimum of 180 days', retain;
    end if;
    perform audit_chain_lock();
    select min(seq) into keep_from from audit_record where at >= now() - retain;
    select seq, hash into last_seq, last_hash from audit_record
        where keep_from is null or seq < keep_from order by seq desc limit 1;
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
