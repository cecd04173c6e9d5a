-- A member is in one hospital at a time; a second open stay would list them twice as due a visit.
create unique index hospital_stay_one_open on hospital_stay (member_id) where discharged_on is null;
