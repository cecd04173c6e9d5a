-- A yearly programme pays a person once a year, whatever a case's or cycle's period is labelled ("2027", "2027-CNY"):
-- periods are free labels, so the yearly limit is the programme's, checked on the year.
alter table programme add column once_a_year boolean not null default false;
update programme set once_a_year = true
 where code in ('HARDSHIP_TOPUP', 'SPECIAL_HARDSHIP', 'SPRING_FESTIVAL', 'HONOUR_ALLOWANCE');
create index care_case_person_year on care_case (programme_code, beneficiary_index, year);
