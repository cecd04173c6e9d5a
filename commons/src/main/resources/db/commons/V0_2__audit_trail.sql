-- Append-only, hash-chained audit trail (MLPS 2.0 level 3, PIPL): every write and every read of a
-- clear sensitive value. Updates and deletes are refused by trigger; each record's hash covers the
-- previous record's hash, so removing or altering a record breaks the chain.
create table audit_record (
    seq            bigint generated always as identity primary key,
    at             timestamptz not null,
    actor          text        not null,
    association    text,
    action         text        not null,
    target         text,
    outcome        text        not null,
    correlation_id text,
    details        text,
    prev_hash      char(64)    not null,
    hash           char(64)    not null
);
create index audit_record_at on audit_record (at);
create index audit_record_target on audit_record (target);

create function audit_record_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_record is append-only';
end $$;
create trigger audit_record_no_update before update or delete on audit_record
    for each row execute function audit_record_is_append_only();
create trigger audit_record_no_truncate before truncate on audit_record
    for each statement execute function audit_record_is_append_only();
