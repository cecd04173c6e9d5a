-- Working-day calendar kept as data: public holidays, and weekend days that are working days (调休).
create table calendar_day (
    day     date primary key,
    kind    text not null check (kind in ('HOLIDAY', 'WORKDAY')),
    name    text not null
);
insert into calendar_day (day, kind, name) values
    ('2026-01-01', 'HOLIDAY', '元旦'), ('2026-01-02', 'HOLIDAY', '元旦'), ('2026-01-04', 'WORKDAY', '元旦调休'),
    ('2026-02-16', 'HOLIDAY', '春节'), ('2026-02-17', 'HOLIDAY', '春节'), ('2026-02-18', 'HOLIDAY', '春节'),
    ('2026-02-19', 'HOLIDAY', '春节'), ('2026-02-20', 'HOLIDAY', '春节'), ('2026-02-23', 'HOLIDAY', '春节'),
    ('2026-02-14', 'WORKDAY', '春节调休'), ('2026-02-28', 'WORKDAY', '春节调休'),
    ('2026-04-06', 'HOLIDAY', '清明节'),
    ('2026-05-01', 'HOLIDAY', '劳动节'), ('2026-05-04', 'HOLIDAY', '劳动节'), ('2026-05-05', 'HOLIDAY', '劳动节'),
    ('2026-05-09', 'WORKDAY', '劳动节调休'),
    ('2026-06-19', 'HOLIDAY', '端午节'),
    ('2026-09-25', 'HOLIDAY', '中秋节'),
    ('2026-10-01', 'HOLIDAY', '国庆节'), ('2026-10-02', 'HOLIDAY', '国庆节'), ('2026-10-05', 'HOLIDAY', '国庆节'),
    ('2026-10-06', 'HOLIDAY', '国庆节'), ('2026-10-07', 'HOLIDAY', '国庆节'), ('2026-10-10', 'WORKDAY', '国庆节调休'),
    ('2027-01-01', 'HOLIDAY', '元旦');

-- Members as honors-service knows them (from member events), for eligibility without calling member-service.
create table nominee_member (
    member_id         uuid primary key,
    association_code  text        not null,
    name              text        not null,
    gender            text        not null,
    birth_date        date        not null,
    status            text        not null,
    sector            text,
    national_id_index char(64)    not null,
    honours           jsonb       not null default '[]',
    member_version    bigint      not null,
    updated_at        timestamptz not null
);
create index nominee_member_index on nominee_member (national_id_index);

create table campaign (
    id                  uuid primary key,
    honour_type         text        not null references honour_type (code),
    -- the organising association: its level is the last review level, its admins run notice and conferral
    association_code    text        not null,
    year                integer     not null check (year between 1950 and 2200),
    title               text        not null,
    total_places        integer     not null check (total_places > 0),
    nomination_opens    date        not null,
    nomination_closes   date        not null,
    -- review deadlines per level (null: no deadline at that level)
    county_review_by    date,
    city_review_by      date,
    province_review_by  date,
    notice_working_days integer     not null default 5 check (notice_working_days between 1 and 30),
    award_amount        numeric(12, 2) check (award_amount is null or award_amount > 0),
    certificates_issued integer     not null default 0,
    created_by          text        not null,
    created_at          timestamptz not null,
    version             bigint      not null default 0,
    check (nomination_closes >= nomination_opens)
);

-- Places per association and everything under it; their sum may not exceed the campaign's total.
create table campaign_quota (
    campaign_id      uuid    not null references campaign (id),
    association_code text    not null,
    places           integer not null check (places >= 0),
    primary key (campaign_id, association_code)
);

-- Eligibility rules as data: share thresholds in percent, or a plain condition (threshold null).
create table campaign_rule (
    campaign_id uuid          not null references campaign (id),
    rule        text          not null check (rule in ('FRONTLINE_SHARE_MIN', 'ENTERPRISE_HEAD_SHARE_MAX',
                                                       'NOT_ALREADY_HOLDING', 'IN_SERVICE')),
    threshold   numeric(5, 2) check (threshold is null or threshold between 0 and 100),
    primary key (campaign_id, rule)
);

-- A nominee is a registered member (member_id) or a new person; either way the person's identity
-- travels as blind index + ciphertext, never in clear.
create table nomination (
    id                   uuid primary key,
    campaign_id          uuid        not null references campaign (id),
    association_code     text        not null,
    member_id            uuid,
    nominee_name         text        not null,
    nominee_gender       text        not null,
    nominee_birth_date   date        not null,
    nominee_id_index     char(64)    not null,
    nominee_id_cipher    text,
    nominee_phone_cipher text,
    employer             text        not null,
    employer_credit_code text,
    sector               text        not null,
    occupation           text,
    deeds                text        not null,
    state                text        not null,
    review_level         text,
    notice_starts        date,
    notice_ends          date,
    certificate_number   text unique,
    conferred_on         date,
    submitted_by         text,
    created_by           text        not null,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    version              bigint      not null default 0,
    unique (campaign_id, nominee_id_index)
);
create index nomination_campaign on nomination (campaign_id, association_code text_pattern_ops);
create index nomination_scope on nomination (association_code text_pattern_ops, state);

-- Every step: who, at which level, what they decided, their opinion, when.
create table nomination_step (
    id                bigint generated by default as identity primary key,
    nomination_id     uuid        not null references nomination (id),
    action            text        not null,
    level             text,
    actor             text        not null,
    actor_association text,
    opinion           text,
    from_state        text        not null,
    to_state          text        not null,
    at                timestamptz not null
);
create index nomination_step_nomination on nomination_step (nomination_id, id);

-- Objections (异议) filed during public notice; an open one blocks approval. The filer's address is
-- kept only as a keyed hash, for rate limiting.
create table objection (
    id                   uuid primary key,
    nomination_id        uuid        not null references nomination (id),
    contact_name         text        not null,
    contact_phone_cipher text        not null,
    content              text        not null,
    status               text        not null check (status in ('OPEN', 'UPHELD', 'DISMISSED')),
    findings             text,
    resolved_by          text,
    source_index         char(64)    not null,
    filed_at             timestamptz not null,
    resolved_at          timestamptz
);
create index objection_open on objection (nomination_id) where status = 'OPEN';
create index objection_source on objection (source_index, filed_at);
