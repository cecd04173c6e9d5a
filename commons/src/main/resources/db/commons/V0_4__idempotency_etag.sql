-- A replayed response carries the ETag of the first, so a retrying client can still send If-Match.
alter table idempotency_key add column etag text;
