-- W3C trace context of the request that wrote the event, so the relay can continue that trace into Kafka.
alter table outbox_event add column traceparent text;
