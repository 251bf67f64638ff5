package org.tend.plumbing.projection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.messaging.MalformedEventException;
import org.tend.plumbing.messaging.ReceivedEvent;

/**
 * Rebuilds a generation of a {@link Projection} from the log: its own consumer (no group, nothing committed) is assigned
 * every partition of the topics, captures their end offsets, seeks to the beginning and reads until every partition
 * has reached the offset captured at the start. Records are folded in large batches ({@link Options#foldEvents()})
 * so that each document is written once per batch however many of its events the batch holds; the projection's
 * {@link Projection#rebuilding rebuild writer} may do better still (progress inserts a journey it has not written
 * yet rather than upserting it).
 *
 * <p>A record that cannot be applied is counted as skipped (the live listener has sent, or will send, it to the dead
 * letters). Records past a partition's target are harmless (every write is idempotent) but the partition is paused
 * once it reaches its target, so a busy topic cannot keep a rebuild from finishing.
 *
 * <p>No Spring here: a benchmark can run it against mongo-java-server directly.
 */
public final class RebuildRunner {

    private static final Logger log = LoggerFactory.getLogger(RebuildRunner.class);
    /** Polls smaller than this are read on the consumer's thread alone: splitting them costs more than it saves. */
    private static final int PARALLEL_READ_MIN = 256;

    /**
     * @param maxPollRecords records per poll
     * @param foldEvents     events gathered (over several polls if need be) before one folded bulk write
     * @param pollTimeout    longest wait of one poll
     * @param fetchMinBytes  the broker answers a fetch once it has this much (or after fetchMaxWait)
     * @param fetchMaxWait   longest the broker holds a fetch waiting for fetchMinBytes
     */
    public record Options(int maxPollRecords, int foldEvents, Duration pollTimeout, int fetchMinBytes,
                          Duration fetchMaxWait) {
        public static Options defaults() {
            return new Options(5000, 50_000, Duration.ofMillis(500), 1 << 20, Duration.ofMillis(100));
        }

        public Options withFoldEvents(int events) {
            return new Options(maxPollRecords, events, pollTimeout, fetchMinBytes, fetchMaxWait);
        }
    }

    private final Map<String, Object> consumerConfig;
    private final List<String> topics;
    private final Projection projection;
    private final InboundEvents inbound;
    private final Options options;

    /** For use outside Spring: plain bootstrap servers. */
    public RebuildRunner(String bootstrapServers, Projection projection, Options options) {
        this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), projection, options);
    }

    /**
     * @param baseConsumerConfig connection settings (bootstrap servers, security); group, offsets, deserialisers and
     *                           fetch sizes are set here
     */
    public RebuildRunner(Map<String, Object> baseConsumerConfig, Projection projection, Options options) {
        Map<String, Object> config = new HashMap<>(baseConsumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, options.maxPollRecords());
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, options.fetchMinBytes());
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) options.fetchMaxWait().toMillis());
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 << 20);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "tend-" + projection.name() + "-rebuild");
        this.consumerConfig = config;
        this.topics = List.copyOf(projection.topics());
        this.projection = projection;
        this.inbound = projection.inbound();
        this.options = options;
    }

    /**
     * Reads from offset 0 up to the end offsets seen now, writing into {@code generation}; returns once every
     * partition has caught up.
     *
     * <p>Partitions are read one partition number at a time (partition 0 of every topic, then 1, ...): the services
     * key every participant's records by participant id, so with equally partitioned topics one partition number
     * holds whole journeys, and a fold of that group writes each journey once or twice instead of once per batch it
     * appears in. Any other layout is still read completely, it only folds less.
     *
     * @throws CancellationException when {@code stopRequested} turns true first
     */
    public void run(int generation, RebuildProgress progress, BooleanSupplier stopRequested) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
                }
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
            TreeMap<Integer, Set<TopicPartition>> groups = new TreeMap<>();
            for (TopicPartition partition : partitions) {
                long end = ends.getOrDefault(partition, 0L);
                long beginning = beginnings.getOrDefault(partition, 0L);
                progress.target(partition, beginning, end);
                if (end > beginning) {
                    groups.computeIfAbsent(partition.partition(), k -> new HashSet<>()).add(partition);
                }
            }
            consumer.seekToBeginning(partitions);
            consumer.pause(partitions);
            log.info("rebuild of generation {}: {} records to read from {} partitions", generation,
                    progress.recordsToRead(), partitions.size());

            // One write runs on the writer thread while the next fold is read and parsed here.
            ExecutorService writerThread = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "tend-" + projection.name() + "-rebuild-writer");
                thread.setDaemon(true);
                return thread;
            });
            try {
                Pipeline pipeline = new Pipeline(generation, progress, writerThread);
                for (Set<TopicPartition> remaining : groups.values()) {
                    consumer.resume(remaining);
                    while (!remaining.isEmpty()) {
                        if (stopRequested.getAsBoolean()) {
                            throw new CancellationException("rebuild of generation " + generation + " was stopped");
                        }
                        long polling = System.nanoTime();
                        ConsumerRecords<String, byte[]> records = consumer.poll(options.pollTimeout());
                        long translating = System.nanoTime();
                        List<ConsumerRecord<String, byte[]>> polled = new ArrayList<>(records.count());
                        records.forEach(polled::add);
                        List<Object> parsed = parse(polled);
                        for (int i = 0; i < polled.size(); i++) {
                            ConsumerRecord<String, byte[]> record = polled.get(i);
                            Object read = parsed.get(i);
                            if (read instanceof ReceivedEvent<?> event) {
                                pipeline.fold.add(event);
                            } else if (read instanceof MalformedEventException e) {
                                progress.skipped();
                                log.debug("rebuild skips {}-{}@{}: {}", record.topic(), record.partition(),
                                        record.offset(), e.getMessage());
                            }
                            pipeline.folded.put(new TopicPartition(record.topic(), record.partition()),
                                    record.offset() + 1);
                        }
                        progress.read(records.count());
                        progress.timed(translating - polling, System.nanoTime() - translating, 0);
                        List<TopicPartition> caughtUp = new ArrayList<>();
                        for (TopicPartition partition : remaining) {
                            if (consumer.position(partition) >= ends.get(partition)) {
                                caughtUp.add(partition);
                            }
                        }
                        caughtUp.forEach(remaining::remove);
                        consumer.pause(caughtUp);
                        if (pipeline.fold.events() >= options.foldEvents() || records.isEmpty()) {
                            pipeline.flush();
                        }
                    }
                    // The next partition number holds other journeys: nothing to gain by folding across.
                    pipeline.flush();
                }
                pipeline.finish();
            } finally {
                writerThread.shutdownNow();
            }
        }
    }

    /**
     * Each record read through the typed edge: its event, a {@link MalformedEventException}, or null for a type the
     * projection does not keep; in the records' order. Reading (CloudEvents, JSON, the contract's schema, binding) is
     * most of a rebuild's work and each record's is independent, so a large poll is read on every core; the fold
     * that follows stays in order on this thread.
     */
    private List<Object> parse(List<ConsumerRecord<String, byte[]>> records) {
        if (records.size() < PARALLEL_READ_MIN) {
            return records.stream().map(this::readOne).toList();
        }
        return records.parallelStream().map(this::readOne).toList();
    }

    private Object readOne(ConsumerRecord<String, byte[]> record) {
        try {
            return inbound.read(record).orElse(null);
        } catch (MalformedEventException e) {
            return e;
        }
    }

    /** The fold being filled, and the write of the previous one running on the writer thread. */
    private final class Pipeline {
        private final int generation;
        private final RebuildProgress progress;
        private final ExecutorService writerThread;
        private final Projection.GenerationWriter writer;
        private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);
        Projection.Batch fold = projection.newBatch();
        Map<TopicPartition, Long> folded = new LinkedHashMap<>();

        Pipeline(int generation, RebuildProgress progress, ExecutorService writerThread) {
            this.generation = generation;
            this.progress = progress;
            this.writerThread = writerThread;
            this.writer = projection.rebuilding(generation);
        }

        /** Waits for the previous write, then starts writing the current fold. */
        void flush() {
            if (fold.isEmpty() && folded.isEmpty()) {
                return;
            }
            awaitPending();
            Projection.Batch toWrite = fold;
            Map<TopicPartition, Long> positions = folded;
            fold = projection.newBatch();
            folded = new LinkedHashMap<>();
            pending = CompletableFuture.runAsync(() -> {
                if (!toWrite.isEmpty()) {
                    long writing = System.nanoTime();
                    Projection.Written summary = writer.write(toWrite);
                    progress.timed(0, 0, System.nanoTime() - writing);
                    progress.wrote(summary.events(), summary.documents());
                }
                positions.forEach(progress::applied);
            }, writerThread);
        }

        void finish() {
            flush();
            awaitPending();
        }

        private void awaitPending() {
            try {
                pending.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }
    }
}
