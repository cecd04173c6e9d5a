-- The registry of honour holders. National ID and phone are stored encrypted (AES-GCM, key id
-- prefix); national_id_index is an HMAC blind index that keeps ID numbers unique province-wide.
create table member (
    id                   uuid primary key,
    name                 text        not null,
    gender               text        not null,
    ethnicity            text,
    birth_date           date        not null,
    national_id_cipher   text        not null,
    national_id_index    char(64)    not null unique,
    phone_cipher         text,
    employer             text,
    employer_credit_code text,
    sector               text,
    occupation           text,
    association_code     text        not null references association (code),
    status               text        not null,
    deceased_on          date,
    account_subject      uuid unique,
    notes                text,
    version              bigint      not null default 0,
    created_at           timestamptz not null,
    created_by           text        not null,
    updated_at           timestamptz not null,
    updated_by           text        not null
);
-- Scope filters are prefix matches on the association code (text_pattern_ops makes LIKE 'x%' indexable).
create index member_association on member (association_code text_pattern_ops);
create index member_name on member (name text_pattern_ops);
create index member_birth_date on member (birth_date);
