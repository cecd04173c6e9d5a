-- A withdrawn nomination no longer holds the nominee's place in its campaign: it may be made again (by the county
-- instead of the city, or after a withdrawal by mistake). A rejected one still holds it.
alter table nomination drop constraint nomination_campaign_id_nominee_id_index_key;
create unique index nomination_once_per_campaign on nomination (campaign_id, nominee_id_index)
    where state <> 'WITHDRAWN';
