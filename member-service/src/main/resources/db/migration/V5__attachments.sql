-- Scanned registration forms and photos. Content is checked against its declared type; the SHA-256
-- identifies the file, so uploading the same file twice keeps one copy.
create table member_attachment (
    id           uuid primary key,
    member_id    uuid        not null references member (id),
    kind         text        not null check (kind in ('REGISTRATION_FORM', 'PHOTO', 'CERTIFICATE_SCAN', 'OTHER')),
    file_name    text        not null,
    content_type text        not null,
    size_bytes   integer     not null,
    sha256       char(64)    not null,
    content      bytea       not null,
    uploaded_at  timestamptz not null,
    uploaded_by  text        not null,
    unique (member_id, sha256)
);
