-- A member's own login (self sign-up, own hours) and date of death (cancelling later sign-ups).
alter table volunteer_member add column account_subject uuid;
alter table volunteer_member add column deceased_on date;
create index volunteer_member_account on volunteer_member (account_subject);

-- Service teams (服务队) and who serves in them; leaving keeps the row, so history stays.
create table service_team (
    id               uuid primary key,
    association_code text        not null,
    name             text        not null,
    specialty        text        not null,
    leader_id        uuid references volunteer_member (member_id),
    created_by       text        not null,
    created_at       timestamptz not null,
    version          bigint      not null default 0
);
create unique index service_team_name on service_team (association_code, lower(name));
create index service_team_scope on service_team (association_code text_pattern_ops);

create table team_member (
    id        uuid primary key,
    team_id   uuid        not null references service_team (id),
    member_id uuid        not null references volunteer_member (member_id),
    joined_at timestamptz not null,
    left_at   timestamptz,
    left_reason text
);
create unique index team_member_once on team_member (team_id, member_id) where left_at is null;
create index team_member_member on team_member (member_id);

-- Activities: draft -> published -> ongoing -> completed, or cancelled. Outcomes are filed on completion.
create table activity (
    id                  uuid primary key,
    association_code    text          not null,
    kind                text          not null,
    title               text          not null,
    description         text,
    starts_at           timestamptz   not null,
    ends_at             timestamptz   not null check (ends_at > starts_at),
    place               text          not null,
    capacity            integer       not null check (capacity > 0),
    state               text          not null check (state in ('DRAFT', 'PUBLISHED', 'ONGOING', 'COMPLETED', 'CANCELLED')),
    cancel_reason       text,
    enterprises_served  integer check (enterprises_served >= 0),
    problems_solved     integer check (problems_solved >= 0),
    suggestions_made    integer check (suggestions_made >= 0),
    suggestions_adopted integer check (suggestions_adopted >= 0 and suggestions_adopted <= suggestions_made),
    people_reached      integer check (people_reached >= 0),
    economic_benefit    numeric(14, 2) check (economic_benefit >= 0),
    created_by          text          not null,
    created_at          timestamptz   not null,
    published_at        timestamptz,
    completed_at        timestamptz,
    version             bigint        not null default 0
);
create index activity_scope on activity (association_code text_pattern_ops, starts_at);
create index activity_state on activity (state, starts_at);

create table activity_team (
    activity_id uuid not null references activity (id),
    team_id     uuid not null references service_team (id),
    primary key (activity_id, team_id)
);

-- Who benefits: enterprises (by unified social credit code), schools, communities.
create table activity_beneficiary (
    activity_id uuid not null references activity (id),
    kind        text not null check (kind in ('ENTERPRISE', 'SCHOOL', 'COMMUNITY')),
    name        text not null,
    credit_code text,
    check (kind <> 'ENTERPRISE' or credit_code is not null)
);
create index activity_beneficiary_activity on activity_beneficiary (activity_id);

-- One-time check-in and check-out codes shown at the venue; only a hash is kept.
create table attendance_code (
    id          uuid primary key,
    activity_id uuid        not null references activity (id),
    purpose     text        not null check (purpose in ('CHECK_IN', 'CHECK_OUT')),
    code_hash   text        not null,
    expires_at  timestamptz not null,
    created_by  text        not null,
    created_at  timestamptz not null
);
create index attendance_code_activity on attendance_code (activity_id, purpose, expires_at);

-- Sign-ups: ENROLLED up to capacity, then WAITING in order; CANCELLED rows keep the reason.
create table signup (
    id              uuid primary key,
    activity_id     uuid        not null references activity (id),
    member_id       uuid        not null references volunteer_member (member_id),
    status          text        not null check (status in ('ENROLLED', 'WAITING', 'CANCELLED')),
    signed_up_at    timestamptz not null,
    signed_up_by    text        not null,
    cancel_reason   text,
    cancelled_at    timestamptz,
    checked_in_at   timestamptz,
    checked_out_at  timestamptz,
    failed_code_attempts integer not null default 0,
    check (checked_out_at is null or checked_out_at > checked_in_at)
);
create unique index signup_once on signup (activity_id, member_id) where status <> 'CANCELLED';
create index signup_member on signup (member_id, status);
create index signup_activity on signup (activity_id, status, signed_up_at);

-- Hours: from attendance (confirmed at check-out) or logged for off-site work (pending until staff confirm).
create table volunteer_hours (
    id               uuid primary key,
    member_id        uuid          not null references volunteer_member (member_id),
    association_code text          not null,
    activity_id      uuid references activity (id),
    source           text          not null check (source in ('ATTENDANCE', 'OFF_SITE')),
    work_date        date          not null,
    hours            numeric(6, 2) not null check (hours >= 0 and hours <= 1000),
    description      text,
    status           text          not null check (status in ('PENDING', 'CONFIRMED', 'REJECTED')),
    logged_by        text          not null,
    logged_at        timestamptz   not null,
    decided_by       text,
    decided_at       timestamptz,
    decision_reason  text,
    version          bigint        not null default 0,
    check (source <> 'ATTENDANCE' or activity_id is not null),
    check (status <> 'CONFIRMED' or hours > 0)
);
create unique index volunteer_hours_attendance on volunteer_hours (activity_id, member_id) where source = 'ATTENDANCE';
create index volunteer_hours_scope on volunteer_hours (association_code text_pattern_ops, work_date);
create index volunteer_hours_member on volunteer_hours (member_id, work_date);

-- The needs board (揭榜挂帅): enterprises post technical needs, a team claims one, the outcome is recorded.
create table enterprise_need (
    id               uuid primary key,
    association_code text          not null,
    enterprise_name  text          not null,
    credit_code      text          not null,
    title            text          not null,
    description      text          not null,
    status           text          not null check (status in ('OPEN', 'CLAIMED', 'RESOLVED', 'CLOSED')),
    posted_by        text          not null,
    posted_at        timestamptz   not null,
    team_id          uuid references service_team (id),
    claimed_by       text,
    claimed_at       timestamptz,
    outcome          text,
    problem_solved   boolean,
    economic_benefit numeric(14, 2) check (economic_benefit >= 0),
    resolved_at      timestamptz,
    version          bigint        not null default 0
);
create index enterprise_need_scope on enterprise_need (association_code text_pattern_ops, status);
