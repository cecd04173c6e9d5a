-- A payee account is used for payment only once a second person has checked it against the beneficiary's papers:
-- no one who set or changed it since its last verification may verify it (changed_by lists them). Accounts set
-- before this check existed were entered under the earlier procedure and stay usable, marked as such.
alter table payee_account add column verified_by text;
alter table payee_account add column verified_at timestamptz;
alter table payee_account add column changed_by text[] not null default '{}';
update payee_account set verified_by = 'before-verification (V9)', verified_at = updated_at;
