-- Certificates of honour (劳模证明): issued on request, verified publicly by code, revocable.
create table certificate (
    id                uuid primary key,
    member_id         uuid        not null references member (id),
    honour_id         uuid        not null references member_honour (id),
    verification_code text        not null unique,
    issued_at         timestamptz not null,
    issued_by         text        not null,
    revoked_at        timestamptz,
    revoked_by        text,
    revocation_reason text
);
create index certificate_member on certificate (member_id);
