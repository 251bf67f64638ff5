package org.tend.keys;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wrapped data keys on a compacted, access-restricted topic ({@value #TOPIC}): key = the participant's pseudonym,
 * value = their wrapped key, and an erasure marker (no key) once they are erased. Every instance of every service
 * reads the whole topic into memory at start and follows it (no consumer group: each instance needs every key), so an
 * erasure reaches every running instance as fast as it polls, and a restarted one never sees the erased key again (the
 * marker is the newest record). Compaction then removes the old value from the broker's log within the topic's
 * {@code max.compaction.lag.ms} ({@link #topicConfig}); the marker stays.
 */
public final class KafkaKeyRecords implements KeyRecords, AutoCloseable {

    /** The key topic. Only Tend's services may read or write it (its ACLs); never an analytics principal. */
    public static final String TOPIC = "tend.keys.participants";
    /** The value of an erased participant's record: no key, only the fact that theirs was destroyed. */
    static final byte[] ERASED = "tend:erased".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static final Logger log = LoggerFactory.getLogger(KafkaKeyRecords.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
    private final List<Consumer<String>> erasedListeners = new CopyOnWriteArrayList<>();
    /** Every participant whose erasure this instance has read or written (pseudonyms only). */
    private final java.util.Set<String> erased = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Queue<CompletableFuture<Void>> syncRequests = new ConcurrentLinkedQueue<>();
    private final Thread follower;
    private volatile boolean running = true;

    /**
     * @param clientProperties the service's Kafka client settings (bootstrap servers, security); the serializers,
     *                         acknowledgements and offsets are set here
     */
    public KafkaKeyRecords(Map<String, Object> clientProperties) {
        Map<String, Object> producerProps = new HashMap<>(clientProperties);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A send waits at most this long for the broker's metadata; a share that cannot go now is retried by its store.
        producerProps.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        this.producer = new KafkaProducer<>(producerProps);
        Map<String, Object> consumerProps = new HashMap<>(clientProperties);
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(consumerProps);
        this.follower = new Thread(this::follow, "tend-participant-keys");
        follower.setDaemon(true);
        follower.start();
    }

    /**
     * The topic's settings for an erasure bound: compacted, the old value of an erased key removed from the log within
     * {@code bound} (a segment rolls and is compacted at least that often), the tombstone kept as long again so that a
     * consumer that was down for less than that still sees it.
     */
    public static Map<String, String> topicConfig(Duration bound) {
        String ms = String.valueOf(bound.toMillis());
        return Map.of("cleanup.policy", "compact", "segment.ms", ms, "max.compaction.lag.ms", ms,
                "min.compaction.lag.ms", "0", "delete.retention.ms", ms, "min.cleanable.dirty.ratio", "0.01");
    }

    /** Creates the key topic if it does not exist. */
    public static void ensureTopic(Admin admin, int partitions, short replicas, Duration erasureBound) {
        try {
            admin.createTopics(List.of(new NewTopic(TOPIC, partitions, replicas).configs(topicConfig(erasureBound))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + TOPIC, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating " + TOPIC + " timed out", e);
        }
    }

    /** Waits until every key on the topic when this instance started has been read. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void put(String participantId, byte[] wrappedKey) {
        send(new ProducerRecord<>(TOPIC, participantId, wrappedKey));
        keys.put(participantId, wrappedKey);
    }

    /**
     * Shares a key another store holds already, without waiting: completes when the topic has taken it, exceptionally
     * when it could not (the broker is away). Records of one participant keep their order (an idempotent producer,
     * one partition), so a key shared before an erasure cannot land after its marker.
     */
    public CompletableFuture<Void> share(String participantId, byte[] wrappedKey) {
        CompletableFuture<Void> shared = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(TOPIC, participantId, wrappedKey), (metadata, failure) -> {
                if (failure == null) {
                    shared.complete(null);
                } else {
                    shared.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            shared.completeExceptionally(e);
        }
        return shared;
    }

    @Override
    public Optional<byte[]> get(String participantId) {
        return Optional.ofNullable(keys.get(participantId));
    }

    /** Answers from memory when the key is known; otherwise reads the topic up to its current end first. */
    @Override
    public Optional<byte[]> getCurrent(String participantId) {
        byte[] known = keys.get(participantId);
        if (known != null) {
            return Optional.of(known);
        }
        CompletableFuture<Void> synced = new CompletableFuture<>();
        syncRequests.add(synced);
        consumer.wakeup(); // ends the follower's current poll, so the request is taken up at once
        try {
            synced.get(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            synced.cancel(false);
            throw new KeysUnavailableException("the key topic could not be read to its end within " + SYNC_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeysUnavailableException("interrupted while reading the key topic", e);
        }
        return Optional.ofNullable(keys.get(participantId));
    }

    /**
     * Writes the participant's erasure marker: the newest record under their key, so compaction removes their wrapped
     * key from the log within the bound, while the marker itself stays (a tombstone would be removed too, after
     * {@code delete.retention.ms}, and a consumer reading a sealed record years later could no longer tell an erased
     * participant from a key not shared yet).
     */
    @Override
    public void erase(String participantId) {
        send(new ProducerRecord<>(TOPIC, participantId, ERASED.clone()));
        dropped(participantId);
    }

    /** Whether a record's value says its participant was erased: a tombstone, or the erasure marker. */
    public static boolean erasedValue(byte[] value) {
        return value == null || java.util.Arrays.equals(value, ERASED);
    }

    /** Also tells a listener registered late of every erasure read so far. */
    @Override
    public void onErased(Consumer<String> listener) {
        erasedListeners.add(listener);
        erased.forEach(listener);
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the key topic did not take the record", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void dropped(String participantId) {
        keys.remove(participantId);
        erased.add(participantId);
        erasedListeners.forEach(listener -> listener.accept(participantId));
    }

    private void follow() {
        try {
            List<TopicPartition> partitions = List.of();
            Map<TopicPartition, Long> end = Map.of();
            Map<CompletableFuture<Void>, Map<TopicPartition, Long>> syncing = new HashMap<>();
            while (running) {
                try {
                    if (partitions.isEmpty()) {
                        partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(10)).stream()
                                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                        if (partitions.isEmpty()) {
                            continue;
                        }
                        consumer.assign(partitions);
                        consumer.seekToBeginning(partitions);
                        end = consumer.endOffsets(partitions);
                    }
                    if (!syncRequests.isEmpty()) {
                        Map<TopicPartition, Long> now = consumer.endOffsets(partitions);
                        for (CompletableFuture<Void> request; (request = syncRequests.poll()) != null; ) {
                            syncing.put(request, now);
                        }
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        if (erasedValue(record.value())) {
                            dropped(record.key());
                        } else {
                            keys.put(record.key(), record.value());
                        }
                    }
                    if (caughtUp.getCount() > 0 && reached(end)) {
                        caughtUp.countDown();
                    }
                    syncing.entrySet().removeIf(request -> request.getKey().isDone()
                            || reached(request.getValue()) && request.getKey().complete(null));
                } catch (WakeupException e) {
                    if (!running) {
                        throw e;
                    }
                    // A sync request woke the poll: the loop takes it up.
                } catch (RuntimeException e) {
                    // The broker is away or the topic is not there yet: keep what is known and try again.
                    log.warn("following {} failed, retrying: {}", TOPIC, e.toString());
                    Thread.sleep(1_000);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close();
        }
    }

    private boolean reached(Map<TopicPartition, Long> offsets) {
        return offsets.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            follower.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
