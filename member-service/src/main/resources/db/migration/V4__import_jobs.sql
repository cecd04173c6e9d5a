-- Bulk imports of registration forms, run as jobs with progress and a per-row report.
create table import_job (
    id               uuid primary key,
    association_code text        not null,
    created_by       text        not null,
    mode             text        not null check (mode in ('DRY_RUN', 'ALL_OR_NOTHING', 'VALID_ONLY')),
    file_name        text,
    file_sha256      char(64)    not null,
    status           text        not null check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
    total            integer     not null default 0,
    processed        integer     not null default 0,
    created          integer     not null default 0,
    unchanged        integer     not null default 0,
    invalid          integer     not null default 0,
    duplicates       integer     not null default 0,
    committed        boolean,
    failure          text,
    report           jsonb,
    created_at       timestamptz not null,
    finished_at      timestamptz
);
create index import_job_association on import_job (association_code text_pattern_ops, created_at desc);
