-- Recuperation trips (疗休养): batches with capacity; enrolment in order, then a waiting list that is
-- promoted in order when someone withdraws.
create table trip (
    id                uuid primary key,
    association_code  text        not null,
    route             text        not null,
    batch             text        not null,
    starts_on         date        not null,
    ends_on           date        not null check (ends_on >= starts_on),
    capacity          integer     not null check (capacity > 0),
    rest_years        integer     not null default 3 check (rest_years between 0 and 10),
    created_by        text        not null,
    created_at        timestamptz not null,
    version           bigint      not null default 0
);
create index trip_scope on trip (association_code text_pattern_ops, starts_on);

create table trip_enrolment (
    id          uuid primary key,
    trip_id     uuid        not null references trip (id),
    member_id   uuid        not null references care_member (member_id),
    status      text        not null check (status in ('ENROLLED', 'WAITING', 'CANCELLED')),
    enrolled_at timestamptz not null,
    reason      text,
    enrolled_by text        not null
);
create unique index trip_enrolment_once on trip_enrolment (trip_id, member_id) where status <> 'CANCELLED';
create index trip_enrolment_member on trip_enrolment (member_id);
