-- The levels held (V8) are now set once per statement for every member it touched, in one update joined with
-- their honours: a bulk import copies tens of thousands of honours in one statement, and the trigger per row
-- ran four subqueries each time, planned for the table as it was before the import (45 s for 33,000
-- honours in the benchmark's import). The rule is V8's: unrevoked honours; national-level treatment counts
-- as national.
create function hold_honour_levels_of(targets uuid[]) returns void language sql as $$
    update member m set
        holds_national_honour = l.national,
        holds_provincial_honour = l.provincial,
        holds_city_honour = l.city,
        holds_county_honour = l.county
    from (select t.id,
                 coalesce(bool_or(h.revoked_on is null and (h.level = 'NATIONAL' or h.national_treatment)), false) as national,
                 coalesce(bool_or(h.revoked_on is null and h.level = 'PROVINCIAL'), false) as provincial,
                 coalesce(bool_or(h.revoked_on is null and h.level = 'CITY'), false) as city,
                 coalesce(bool_or(h.revoked_on is null and h.level = 'COUNTY'), false) as county
          from unnest(targets) as t(id) left join member_honour h on h.member_id = t.id
          group by t.id) l
    where m.id = l.id
      and (m.holds_national_honour, m.holds_provincial_honour, m.holds_city_honour, m.holds_county_honour)
          is distinct from (l.national, l.provincial, l.city, l.county);
$$;

-- Each statement's transition tables hold the rows it inserted, updated or deleted; a branch reads only the
-- tables its event has.
create function member_honours_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform hold_honour_levels_of(array(select member_id from new_honours));
    elsif tg_op = 'DELETE' then
        perform hold_honour_levels_of(array(select member_id from old_honours));
    else
        perform hold_honour_levels_of(array(select member_id from old_honours union select member_id from new_honours));
    end if;
    return null;
end;
$$;

drop trigger member_honour_levels_held on member_honour;
drop function member_honour_changed();
drop function hold_honour_levels(uuid);

create trigger member_honour_levels_inserted after insert on member_honour
    referencing new table as new_honours for each statement execute function member_honours_changed();
create trigger member_honour_levels_updated after update on member_honour
    referencing old table as old_honours new table as new_honours
    for each statement execute function member_honours_changed();
create trigger member_honour_levels_deleted after delete on member_honour
    referencing old table as old_honours for each statement execute function member_honours_changed();
