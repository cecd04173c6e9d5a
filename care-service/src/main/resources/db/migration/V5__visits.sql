-- Visits and greetings (走访慰问): who was visited, when, by whom, what was given; hospital stays
-- (health data: the hospital is encrypted) so members in hospital appear on the due list.
create table visit (
    id               uuid primary key,
    member_id        uuid           not null references care_member (member_id),
    association_code text           not null,
    visited_on       date           not null,
    occasion         text           not null check (occasion in ('BIRTHDAY', 'FESTIVAL', 'ILLNESS', 'AGE_80', 'OTHER')),
    visitors         text           not null,
    gifts            text,
    gift_value       numeric(12, 2) check (gift_value >= 0),
    notes            text,
    created_by       text           not null,
    created_at       timestamptz    not null
);
create index visit_member on visit (member_id, visited_on desc);
create index visit_scope on visit (association_code text_pattern_ops, visited_on);

create table hospital_stay (
    id               uuid primary key,
    member_id        uuid        not null references care_member (member_id),
    association_code text        not null,
    admitted_on      date        not null,
    discharged_on    date,
    hospital_cipher  text        not null,
    created_by       text        not null,
    created_at       timestamptz not null,
    version          bigint      not null default 0
);
create index hospital_stay_open on hospital_stay (association_code text_pattern_ops) where discharged_on is null;
