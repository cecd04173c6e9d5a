-- Collective honours (五一劳动奖状, 工人先锋号) go to a unit or to a team of a unit, identified by the
-- unit's unified social credit code (GB 32100, in employer_credit_code). A person's fields stay required
-- for persons; nominee_id_index holds a digest of the unit (and team name) so the same collective is
-- nominated once per campaign and "already holding" can be checked.
alter table nomination add column nominee_kind text not null default 'PERSON'
    check (nominee_kind in ('PERSON', 'UNIT', 'TEAM'));
alter table nomination alter column nominee_gender drop not null;
alter table nomination alter column nominee_birth_date drop not null;
alter table nomination alter column sector drop not null;
alter table nomination add constraint nomination_person_fields
    check (nominee_kind <> 'PERSON' or (nominee_gender is not null and nominee_birth_date is not null and sector is not null));
alter table nomination add constraint nomination_collective_code
    check (nominee_kind = 'PERSON' or employer_credit_code is not null);
