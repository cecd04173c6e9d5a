-- A rejection is recorded as such, not in the approval columns (which read as "approved by" in views).
alter table care_case add column rejected_by text;
alter table care_case add column rejected_at timestamptz;
update care_case set rejected_by = approved_by, rejected_at = approved_at, approved_by = null, approved_at = null
 where state = 'REJECTED';
