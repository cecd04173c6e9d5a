-- The honour catalogue is data: officials add titles without a release.
create table honour_type (
    code            text primary key,
    name            text    not null,
    name_en         text    not null,
    category        text    not null check (category in ('MODEL_WORKER', 'ADVANCED_WORKER', 'LABOUR_MEDAL',
                                                         'CRAFTSMAN', 'COLLECTIVE')),
    level           text    not null check (level in ('NATIONAL', 'PROVINCIAL', 'CITY', 'COUNTY')),
    conferring_body text    not null,
    -- collective honours go to units and teams, identified by unified social credit code (GB 32100)
    collective      boolean not null default false,
    -- city titles belong to one city association (GB/T 2260); null for national and provincial titles
    association_code text,
    valid_from      date    not null default date '1950-01-01',
    valid_to        date
);

insert into honour_type (code, name, name_en, category, level, conferring_body, collective, association_code) values
    ('CN-MODEL-WORKER',     '全国劳动模范',       'National Model Worker',              'MODEL_WORKER',    'NATIONAL',   '中共中央、国务院', false, null),
    ('CN-ADVANCED-WORKER',  '全国先进工作者',     'National Advanced Worker',           'ADVANCED_WORKER', 'NATIONAL',   '中共中央、国务院', false, null),
    ('CN-LABOUR-MEDAL',     '全国五一劳动奖章',   'National May Day Labour Medal',      'LABOUR_MEDAL',    'NATIONAL',   '中华全国总工会',   false, null),
    ('CN-LABOUR-AWARD',     '全国五一劳动奖状',   'National May Day Labour Award',      'COLLECTIVE',      'NATIONAL',   '中华全国总工会',   true,  null),
    ('CN-PIONEER-TEAM',     '全国工人先锋号',     'National Workers'' Pioneer Team',    'COLLECTIVE',      'NATIONAL',   '中华全国总工会',   true,  null),
    ('ZJ-MODEL-WORKER',     '浙江省劳动模范',     'Zhejiang Model Worker',              'MODEL_WORKER',    'PROVINCIAL', '浙江省人民政府',   false, null),
    ('ZJ-ADVANCED-WORKER',  '浙江省先进工作者',   'Zhejiang Advanced Worker',           'ADVANCED_WORKER', 'PROVINCIAL', '浙江省人民政府',   false, null),
    ('ZJ-LABOUR-MEDAL',     '浙江省五一劳动奖章', 'Zhejiang May Day Labour Medal',      'LABOUR_MEDAL',    'PROVINCIAL', '浙江省总工会',     false, null),
    ('ZJ-LABOUR-AWARD',     '浙江省五一劳动奖状', 'Zhejiang May Day Labour Award',      'COLLECTIVE',      'PROVINCIAL', '浙江省总工会',     true,  null),
    ('ZJ-PIONEER-TEAM',     '浙江省工人先锋号',   'Zhejiang Workers'' Pioneer Team',    'COLLECTIVE',      'PROVINCIAL', '浙江省总工会',     true,  null),
    ('ZJ-CRAFTSMAN',        '浙江工匠',           'Zhejiang Craftsman',                 'CRAFTSMAN',       'PROVINCIAL', '浙江省总工会',     false, null),
    ('HZ-MODEL-WORKER',     '杭州市劳动模范',     'Hangzhou Model Worker',              'MODEL_WORKER',    'CITY',       '杭州市人民政府',   false, '330100'),
    ('HZ-CRAFTSMAN',        '杭州工匠',           'Hangzhou Craftsman',                 'CRAFTSMAN',       'CITY',       '杭州市总工会',     false, '330100'),
    ('SX-CRAFTSMAN',        '绍兴工匠',           'Shaoxing Craftsman',                 'CRAFTSMAN',       'CITY',       '绍兴市总工会、绍兴市人力资源和社会保障局', false, '330600'),
    ('JX-CRAFTSMAN',        '嘉兴良匠',           'Jiaxing Fine Craftsman',             'CRAFTSMAN',       'CITY',       '嘉兴市总工会',     false, '330400'),
    ('HU-MODEL-WORKER',     '湖州市劳动模范',     'Huzhou Model Worker',                'MODEL_WORKER',    'CITY',       '湖州市人民政府',   false, '330500'),
    ('JD-CRAFTSMAN',        '建德名匠',           'Jiande Master Craftsman',            'CRAFTSMAN',       'COUNTY',     '建德市总工会',     false, '330182');
