package cn.zjlm.federation.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads and writes topics directly, for tests that check what reached the broker. */
public final class TopicReader {
    private TopicReader() {
    }

    /** Waits until a record matching {@code match} is on {@code topic} (read from the beginning). */
    public static List<ConsumerRecord<String, String>> await(String bootstrap, String topic,
            Predicate<ConsumerRecord<String, String>> match, int count, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline) && found.size() < count) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(250))) {
                    if (match.test(r)) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }

    /**
     * Sends a record as the outbox relay does (structured CloudEvents content type), e.g. a duplicate
     * delivery or a poison message.
     */
    public static void send(String bootstrap, String topic, String key, String value) {
        send(bootstrap, topic, key, value, Map.of());
    }

    /** As {@link #send(String, String, String, String)}, with extra headers (e.g. a W3C traceparent). */
    public static void send(String bootstrap, String topic, String key, String value,
            Map<String, String> headers) {
        sendAll(bootstrap, topic, List.of(Map.entry(key, value)), headers);
    }

    /** Sends records (key and value) from one producer, back to back, so a consumer's poll may take several. */
    public static void sendAll(String bootstrap, String topic, List<Map.Entry<String, String>> records) {
        sendAll(bootstrap, topic, records, Map.of());
    }

    private static void sendAll(String bootstrap, String topic, List<Map.Entry<String, String>> records,
            Map<String, String> headers) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            List<Future<?>> acks = new ArrayList<>();
            for (Map.Entry<String, String> entry : records) {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, entry.getKey(), entry.getValue());
                record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
                headers.forEach((name, headerValue) -> record.headers().add(name,
                        headerValue.getBytes(StandardCharsets.UTF_8)));
                acks.add(producer.send(record));
            }
            for (Future<?> ack : acks) {
                ack.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }
}
