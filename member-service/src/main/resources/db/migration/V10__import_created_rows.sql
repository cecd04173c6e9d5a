-- Which member each row of an import created, written in the transaction that creates the members, and paged
-- by the API (GET /imports/{id}/created). The job's report keeps only the rows that need attention (invalid,
-- duplicate): a 100,000-row import's report of created rows was 8 MB of JSON read back for every view of the job.
-- No foreign key to member: members are never deleted, and its check would cost the import a lookup per row.
create table import_created_row (
    job_id     uuid    not null references import_job (id) on delete cascade,
    row_number integer not null,
    member_id  uuid    not null,
    primary key (job_id, row_number)
);

insert into import_created_row (job_id, row_number, member_id)
select j.id, (r ->> 'row')::integer, (r ->> 'memberId')::uuid
from import_job j, jsonb_array_elements(j.report) r
where jsonb_typeof(j.report) = 'array' and jsonb_typeof(r) = 'object' and r ->> 'outcome' = 'CREATED'
  and r ->> 'row' ~ '^[0-9]{1,9}$' and r ->> 'memberId' ~* '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$'
on conflict do nothing;

-- the entries moved leave the report; the others stay as they were, in their order
update import_job j
set report = (select coalesce(jsonb_agg(r order by n), '[]'::jsonb)
              from jsonb_array_elements(j.report) with ordinality as e(r, n)
              where not coalesce(jsonb_typeof(r) = 'object' and r ->> 'outcome' = 'CREATED'
                                  and r ->> 'row' ~ '^[0-9]{1,9}$'
                                  and r ->> 'memberId' ~* '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$', false))
where jsonb_typeof(j.report) = 'array';
