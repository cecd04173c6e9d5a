-- A case (个案) is one entitlement of one person under one programme for one period. The unique key
-- makes a second payment for the same person, programme and period impossible, whatever the path.
create table care_case (
    id                 uuid primary key,
    programme_code     text          not null references programme (code),
    association_code   text          not null,
    member_id          uuid,
    beneficiary_index  char(64)      not null,
    beneficiary_name   text          not null,
    period             text          not null,
    amount             numeric(12, 2) not null check (amount >= 0),
    -- how the amount came about: rule or source, inputs, formula and result
    explanation        jsonb         not null,
    state              text          not null check (state in ('PENDING_APPROVAL', 'APPROVED', 'PAID', 'REJECTED', 'HELD')),
    source_event_id    uuid,
    created_by         text          not null,
    created_at         timestamptz   not null,
    updated_at         timestamptz   not null,
    version            bigint        not null default 0,
    unique (programme_code, beneficiary_index, period)
);
create index care_case_scope on care_case (association_code text_pattern_ops, state);
