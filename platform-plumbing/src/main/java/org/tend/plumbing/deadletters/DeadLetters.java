package org.tend.plumbing.deadletters;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.tend.plumbing.messaging.DeadLetterRecoverer;
import org.tend.plumbing.messaging.RecordListener;

/**
 * The service's dead letters: lists them from its dead-letter topic and re-drives them, after a fix, to its
 * {@link RecordListener}s. A re-driven letter is remembered in the service's database ({@code dead_letter_redrives}),
 * so a second redrive of the same letter does nothing; the listeners are idempotent besides, so a record applied
 * before it failed, or by two admins at once, is applied once.
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    static final String REDRIVES = "dead_letter_redrives";
    /** More than any backlog an admin would page through; a longer topic is read up to here. */
    static final int LIMIT = 10_000;

    /** What a redrive did with one letter. */
    public record Redrive(int partition, long offset, String outcome, String reason) {
        public static final String REDRIVEN = "redriven";
        public static final String ALREADY_REDRIVEN = "already-redriven";
        public static final String FAILED = "failed";
    }

    private final String topic;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final List<RecordListener> listeners;
    private final MongoCollection<Document> redrives;
    private final Clock clock;
    private final Duration timeout;

    public DeadLetters(String topic, Supplier<Consumer<String, byte[]>> consumers, List<RecordListener> listeners,
                       MongoDatabase database, Clock clock, Duration timeout) {
        this.topic = topic;
        this.consumers = consumers;
        this.listeners = List.copyOf(listeners);
        this.redrives = database.getCollection(REDRIVES);
        this.clock = clock;
        this.timeout = timeout;
    }

    public String topic() {
        return topic;
    }

    /** Every dead letter, oldest first, with whether it was re-driven. */
    public List<DeadLetter> list() {
        Map<String, Instant> redriven = new HashMap<>();
        for (Document done : redrives.find()) {
            redriven.put(done.getString("_id"), done.getDate("redrivenAt").toInstant());
        }
        return read().stream().map(record -> letter(record, redriven.get(key(record.partition(), record.offset()))))
                .toList();
    }

    /**
     * Hands the letter at {@code partition}/{@code offset} (or, with no offset, every letter not re-driven yet) to the
     * listeners again.
     *
     * @param by who asks (the admin's pseudonymous id), kept with the redrive
     * @return what happened to each letter; empty when no letter has that offset
     */
    public List<Redrive> redrive(int partition, Long offset, String by) {
        List<Redrive> results = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> letter : read()) {
            if (offset != null && (letter.partition() != partition || letter.offset() != offset)) {
                continue;
            }
            results.add(redrive(letter, by));
        }
        return results;
    }

    private Redrive redrive(ConsumerRecord<String, byte[]> letter, String by) {
        String key = key(letter.partition(), letter.offset());
        if (redrives.find(eq("_id", key)).first() != null) {
            return new Redrive(letter.partition(), letter.offset(), Redrive.ALREADY_REDRIVEN, null);
        }
        ConsumerRecord<String, byte[]> original = original(letter);
        try {
            for (RecordListener listener : listeners) {
                listener.on(original);
            }
        } catch (RuntimeException e) {
            log.warn("re-driving dead letter {}-{}@{} ({}-{}@{}) failed: {}", letter.topic(), letter.partition(),
                    letter.offset(), original.topic(), original.partition(), original.offset(), e.toString());
            return new Redrive(letter.partition(), letter.offset(), Redrive.FAILED, e.getClass().getSimpleName()
                    + ": " + e.getMessage());
        }
        try {
            redrives.insertOne(new Document("_id", key).append("redrivenAt", Date.from(clock.instant()))
                    .append("by", by));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return new Redrive(letter.partition(), letter.offset(), Redrive.ALREADY_REDRIVEN, null);
        }
        log.info("dead letter {}-{}@{} ({}-{}@{}) re-driven by {}", letter.topic(), letter.partition(),
                letter.offset(), original.topic(), original.partition(), original.offset(), by);
        return new Redrive(letter.partition(), letter.offset(), Redrive.REDRIVEN, null);
    }

    /** The record as it was consumed: its topic, partition, offset, time, key, value and headers of old. */
    static ConsumerRecord<String, byte[]> original(ConsumerRecord<String, byte[]> letter) {
        Headers headers = new RecordHeaders();
        for (Header header : letter.headers()) {
            if (!header.key().startsWith(KafkaHeaders.PREFIX + "dlt-") && !header.key().startsWith("tend_dlt-")) {
                headers.add(header);
            }
        }
        String topic = text(letter.headers(), KafkaHeaders.DLT_ORIGINAL_TOPIC);
        Integer partition = intValue(letter.headers(), KafkaHeaders.DLT_ORIGINAL_PARTITION);
        Long offset = longValue(letter.headers(), KafkaHeaders.DLT_ORIGINAL_OFFSET);
        Long timestamp = longValue(letter.headers(), KafkaHeaders.DLT_ORIGINAL_TIMESTAMP);
        return new ConsumerRecord<>(topic == null ? letter.topic() : topic, partition == null ? -1 : partition,
                offset == null ? -1 : offset, timestamp == null ? letter.timestamp() : timestamp,
                TimestampType.CREATE_TIME, -1, -1, letter.key(), letter.value(), headers, Optional.empty());
    }

    private List<ConsumerRecord<String, byte[]>> read() {
        List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
        try (Consumer<String, byte[]> consumer = consumers.get()) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            if (partitions == null || partitions.isEmpty()) {
                return letters;
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (letters.size() < LIMIT && !reached(consumer, ends) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(letters::add);
            }
            if (!reached(consumer, ends)) {
                log.warn("read {} dead letters of {} before the limit or the timeout; there are more", letters.size(),
                        topic);
            }
        }
        letters.sort(java.util.Comparator.<ConsumerRecord<String, byte[]>>comparingLong(ConsumerRecord::timestamp)
                .thenComparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
        return letters;
    }

    private static boolean reached(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private DeadLetter letter(ConsumerRecord<String, byte[]> record, Instant redrivenAt) {
        Headers headers = record.headers();
        String reason = text(headers, DeadLetterRecoverer.REASON_HEADER);
        if (reason == null) {
            String fqcn = text(headers, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
            fqcn = fqcn == null ? text(headers, KafkaHeaders.DLT_EXCEPTION_FQCN) : fqcn;
            reason = fqcn == null ? null : fqcn.substring(fqcn.lastIndexOf('.') + 1);
        }
        String detail = text(headers, DeadLetterRecoverer.DETAIL_HEADER);
        return new DeadLetter(record.topic(), record.partition(), record.offset(),
                text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC), intValue(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION),
                longValue(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET), text(headers, "ce_type"), text(headers, "ce_id"),
                reason, detail == null ? text(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE) : detail,
                Instant.ofEpochMilli(record.timestamp()), redrivenAt);
    }

    private static String key(int partition, long offset) {
        return partition + "@" + offset;
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Integer intValue(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null || header.value().length != 4 ? null
                : ByteBuffer.wrap(header.value()).getInt();
    }

    private static Long longValue(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null || header.value().length != 8 ? null
                : ByteBuffer.wrap(header.value()).getLong();
    }
}
