-- 劳模创新工作室 and 劳模工匠之家: application, acceptance inspection (验收) against a scored checklist
-- kept as data, naming (命名) with a level, and yearly outcomes.
create table inspection_checklist (
    kind       text    primary key check (kind in ('INNOVATION_STUDIO', 'CRAFTSMAN_HOME')),
    pass_mark  integer not null check (pass_mark > 0),
    source     text    not null
);
create table inspection_criterion (
    kind       text    not null references inspection_checklist (kind),
    code       text    not null,
    name       text    not null,
    max_score  integer not null check (max_score > 0),
    primary key (kind, code)
);
insert into inspection_checklist (kind, pass_mark, source) values
    ('INNOVATION_STUDIO', 80, '劳模创新工作室验收评分表（百分制，80 分合格）'),
    ('CRAFTSMAN_HOME',    75, '劳模工匠之家验收评分表（百分制，75 分合格）');
insert into inspection_criterion (kind, code, name, max_score) values
    ('INNOVATION_STUDIO', 'LEADER',     '领衔人具有劳模或工匠称号、创新能力突出', 20),
    ('INNOVATION_STUDIO', 'TEAM',       '团队结构合理、有固定成员', 15),
    ('INNOVATION_STUDIO', 'FACILITIES', '有固定场所、设备和经费保障', 15),
    ('INNOVATION_STUDIO', 'PROJECTS',   '创新项目、技术攻关和成果转化', 30),
    ('INNOVATION_STUDIO', 'TRAINING',   '传帮带、培养技术骨干', 20),
    ('CRAFTSMAN_HOME',    'SITE',       '阵地建设：场所、标识、开放时间', 25),
    ('CRAFTSMAN_HOME',    'SERVICE',    '服务劳模工匠：走访、活动、关爱', 35),
    ('CRAFTSMAN_HOME',    'SPIRIT',     '劳模精神、工匠精神宣传', 20),
    ('CRAFTSMAN_HOME',    'RULES',      '管理制度与台账', 20);

create table studio (
    id                 uuid primary key,
    kind               text        not null references inspection_checklist (kind),
    name               text        not null,
    association_code   text        not null,
    host_unit          text        not null,
    host_credit_code   text,
    leader_member_id   uuid,
    leader_name        text        not null,
    state              text        not null check (state in ('APPLIED', 'INSPECTED', 'NAMED', 'REJECTED')),
    inspection_score   integer,
    inspection_passed  boolean,
    inspected_by       text,
    level              text check (level in ('NATIONAL', 'PROVINCIAL', 'CITY', 'COUNTY')),
    named_on           date,
    created_by         text        not null,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    version            bigint      not null default 0
);
create index studio_scope on studio (association_code text_pattern_ops, kind, state);

create table studio_inspection_score (
    studio_id  uuid    not null references studio (id),
    criterion  text    not null,
    score      integer not null check (score >= 0),
    note       text,
    primary key (studio_id, criterion)
);

create table studio_outcome (
    studio_id           uuid           not null references studio (id),
    year                integer        not null,
    innovation_projects integer        not null check (innovation_projects >= 0),
    patents             integer        not null check (patents >= 0),
    -- 经济效益, in 万元 (10,000 CNY)
    economic_benefit    numeric(14, 2) not null check (economic_benefit >= 0),
    people_trained      integer        not null check (people_trained >= 0),
    recorded_by         text           not null,
    recorded_at         timestamptz    not null,
    primary key (studio_id, year)
);
