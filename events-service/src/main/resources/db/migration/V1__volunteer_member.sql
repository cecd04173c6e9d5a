-- Read model of members, fed by member events; eligibility to volunteer needs no call to member-service.
create table volunteer_member (
    member_id        uuid primary key,
    association_code text        not null,
    name             text        not null,
    status           text        not null,
    birth_date       date        not null,
    member_version   bigint      not null,
    updated_at       timestamptz not null
);
create index volunteer_member_association on volunteer_member (association_code text_pattern_ops);
