-- Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): a retried POST replays the first
-- response instead of acting twice. The key row commits with the action it guards, or not at all.
create table idempotency_key (
    caller          text        not null,
    idempotency_key text        not null,
    operation       text        not null,
    request_hash    char(64)    not null,
    status          integer,
    location        text,
    body            text,
    created_at      timestamptz not null default now(),
    primary key (caller, idempotency_key)
);
create index idempotency_key_created on idempotency_key (created_at);
