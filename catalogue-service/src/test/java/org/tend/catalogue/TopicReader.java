package org.tend.catalogue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/** Reads a whole topic from its beginning and keeps every record seen, for assertions on what was published. */
public final class TopicReader implements AutoCloseable {

    private final Consumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
    private final org.tend.keys.ParticipantKeys keys;

    public TopicReader(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, null);
    }

    /**
     * A reader that opens sealed records with the keys, as a consumer entitled to the data reads them (an erased
     * participant's records are kept as they are on the topic: they no longer open).
     */
    public TopicReader(String bootstrapServers, String topic, org.tend.keys.ParticipantKeys keys) {
        this.keys = keys;
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new ByteArrayDeserializer())
                .createConsumer();
        consumer.subscribe(List.of(topic));
    }

    /** Everything read so far, after one more poll. */
    public synchronized List<ConsumerRecord<String, byte[]>> records() {
        consumer.poll(Duration.ofMillis(300)).forEach(record -> seen.add(keys == null ? record
                : org.tend.plumbing.messaging.SealedRecords.opened(record, keys).orElse(record)));
        return List.copyOf(seen);
    }

    public List<ConsumerRecord<String, byte[]>> records(Predicate<ConsumerRecord<String, byte[]>> filter) {
        return records().stream().filter(filter).toList();
    }

    public static Predicate<ConsumerRecord<String, byte[]>> ofType(String type) {
        return r -> type.equals(header(r, "ce_type"));
    }

    public static Predicate<ConsumerRecord<String, byte[]>> keyed(String key) {
        return r -> key.equals(r.key());
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value());
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
