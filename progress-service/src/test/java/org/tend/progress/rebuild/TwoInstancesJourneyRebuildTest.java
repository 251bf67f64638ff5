package org.tend.progress.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.projection.Projection;
import org.tend.plumbing.projection.ProjectionGenerations;
import org.tend.plumbing.projection.ProjectionListener;
import org.tend.plumbing.projection.RebuildProgress;
import org.tend.plumbing.projection.RebuildRunner;
import org.tend.plumbing.projection.RebuildService;
import org.tend.plumbing.projection.RebuildStatus;
import org.tend.plumbing.projection.RebuildStatus.State;
import org.tend.progress.TestEvents;
import org.tend.progress.query.JourneyProjection;
import org.tend.progress.query.ProjectionEvents;
import org.tend.progress.query.ProjectionNames;
import org.tend.progress.query.ProjectionWriter;
import org.tend.progress.query.TestDatabases;

/**
 * The fault drill 4 at the size of a test: two instances of progress-service's journey projection (one
 * database, one broker, one consumer group; nothing in memory shared), enrolments flowing through both, a rebuild
 * started on one that dies mid-way, the other giving it up once its lease runs out and rebuilding while traffic goes
 * on. Afterwards the served generation holds every enrolment of the log exactly once.
 */
@EmbeddedKafka(partitions = 3, topics = {EventTypes.ASSESSMENT_TOPIC, EventTypes.CATALOGUE_TOPIC,
        EventTypes.GOAL_TOPIC})
class TwoInstancesJourneyRebuildTest {

    static final Duration LEASE = Duration.ofSeconds(30);
    static final String PROGRAMME = "0b6c2f4e-1d2a-4c3b-9e8f-7a6b5c4d3e2f";
    static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    static final SecureRandom RANDOM = new SecureRandom();

    final MongoDatabase db = TestDatabases.fresh();
    final MutableClock clock = new MutableClock(Instant.parse("2026-02-02T09:00:00Z"));
    final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static String participant() {
        StringBuilder id = new StringBuilder("p_");
        for (int i = 0; i < 26; i++) {
            id.append(BASE32.charAt(RANDOM.nextInt(BASE32.length())));
        }
        return id.toString();
    }

    JourneyProjection projection() {
        return new JourneyProjection(new ProjectionWriter(db), new ProjectionEvents(ContractValidator.load()));
    }

    /** One instance: its own generations, live listener (consumer in the shared group) and rebuilds. */
    final class Instance implements AutoCloseable {
        final JourneyProjection projection = projection();
        final ProjectionGenerations generations = new ProjectionGenerations(db, clock, projection);
        final RebuildService rebuilds;
        /** Set to hold this instance's next live write after it has read its targets. */
        final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
        final CountDownLatch held = new CountDownLatch(1);
        volatile List<Integer> heldTargets;
        private final ProjectionListener listener;
        private volatile boolean stopping;
        private final Thread live;

        Instance(String id, RebuildService.Engine engine, String bootstrap) {
            rebuilds = new RebuildService(generations, engine, db, clock, Duration.ZERO,
                    new RebuildService.Coordination(id, LEASE, Duration.ofDays(1)));
            listener = new ProjectionListener(projection.inbound(), changes -> generations.writeTo(targets -> {
                CountDownLatch gate = hold.getAndSet(null);
                if (gate != null) {
                    heldTargets = targets;
                    held.countDown();
                    try {
                        gate.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                Projection.Batch batch = projection.newBatch();
                changes.forEach(batch::add);
                return projection.write(batch, targets);
            }), Duration.ofSeconds(5));
            live = new Thread(() -> {
                try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "tend-progress-" + db.getName(),
                        ConsumerConfig.CLIENT_ID_CONFIG, "live-" + id,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 25,
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
                    consumer.subscribe(ProjectionEvents.TOPICS);
                    while (!stopping) {
                        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                        if (!records.isEmpty()) {
                            List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
                            records.forEach(batch::add);
                            listener.onBatch(batch);
                            consumer.commitSync();
                        }
                    }
                }
            }, "live-" + id);
            live.setDaemon(true);
            live.start();
            closing.add(this);
        }

        /** Stops consuming (its partitions go to the other instance); the rebuild thread is left as it is. */
        void stopListening() throws InterruptedException {
            stopping = true;
            live.join(10_000);
        }

        @Override
        public void close() throws Exception {
            stopping = true;
            CountDownLatch gate = hold.getAndSet(null);
            if (gate != null) {
                gate.countDown();
            }
            live.join(10_000);
            rebuilds.close();
        }
    }

    /** Enrolments of new participants, one every few milliseconds, until stopped: event id → participant. */
    final class Traffic implements AutoCloseable {
        final Map<String, String> sent = new ConcurrentHashMap<>();
        private volatile boolean stopping;
        private final Thread thread;

        Traffic(String bootstrap) {
            thread = new Thread(() -> {
                try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
                    Instant at = Instant.parse("2026-01-15T10:00:00Z");
                    while (!stopping) {
                        String participant = participant();
                        ProducerRecord<String, byte[]> record = TestEvents.enrolled(participant, PROGRAMME, null, at);
                        producer.send(record).get();
                        sent.put(TestEvents.header(record, "ce_id"), participant);
                        Thread.sleep(5);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "traffic");
            thread.setDaemon(true);
            thread.start();
            closing.add(this);
        }

        @Override
        public void close() throws InterruptedException {
            stopping = true;
            thread.join(10_000);
        }
    }

    /** Every event a generation's journeys hold, with how often: event key → occurrences. */
    Map<String, Integer> eventsIn(int generation) {
        Map<String, Integer> events = new HashMap<>();
        for (Document month : db.getCollection(ProjectionNames.journeyMonths(generation)).find()) {
            Document kept = month.get("events", Document.class);
            if (kept != null) {
                kept.keySet().forEach(key -> events.merge(key, 1, Integer::sum));
            }
        }
        return events;
    }

    List<String> collections() {
        return db.listCollectionNames().into(new ArrayList<>());
    }

    @Test
    void aRebuildWhoseInstanceDiesWhileTrafficFlowsIsRunAgainOnTheOtherAndHoldsEveryEventOnce(
            EmbeddedKafkaBroker broker) throws Exception {
        String bootstrap = broker.getBrokersAsString();
        RebuildRunner runner = new RebuildRunner(bootstrap, projection(), RebuildRunner.Options.defaults()
                .withFoldEvents(40));
        AtomicReference<RebuildProgress> aProgress = new AtomicReference<>();
        CountDownLatch never = new CountDownLatch(1);
        // a reads the log up to its end offsets, then "dies" before switching: its thread never comes back and it
        // never renews its lease (kill -9 runs no clean-up).
        Instance a = new Instance("progress-a", (generation, progress, stop) -> {
            aProgress.set(progress);
            runner.run(generation, progress, stop);
            try {
                never.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("dead");
        }, bootstrap);
        closing.add(never::countDown);
        Instance b = new Instance("progress-b", runner::run, bootstrap);
        Traffic traffic = new Traffic(bootstrap);

        await().atMost(Duration.ofSeconds(60)).until(() -> eventsIn(1).size() > 50);
        // b holds a batch for which it read generation 1 alone across a's claim and capture.
        CountDownLatch release = new CountDownLatch(1);
        b.hold.set(release);
        assertThat(b.held.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(b.heldTargets).containsExactly(1);
        RebuildStatus first = a.rebuilds.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> aProgress.get() != null
                && aProgress.get().recordsToRead() > 0);
        release.countDown();
        await().atMost(Duration.ofSeconds(60)).until(() -> aProgress.get().positionsTotal()
                >= aProgress.get().targetOffsetsTotal());

        a.stopListening();
        // a is dead; once its lease has run out, b gives its rebuild up and runs one itself, traffic still flowing.
        clock.advance(LEASE.plusSeconds(1));
        RebuildStatus failed = b.rebuilds.find(first.rebuildId()).orElseThrow();
        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.failure()).contains("progress-a");
        assertThat(ProjectionGenerations.activeGeneration(db)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(collections())
                .doesNotContain(ProjectionNames.journeys(2), ProjectionNames.journeyMonths(2)));

        RebuildStatus second = b.rebuilds.start();
        assertThat(second.generation()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(60)).until(() -> a.rebuilds.find(second.rebuildId()).orElseThrow()
                .state() == State.CAUGHT_UP);
        Thread.sleep(300);
        traffic.close();
        Map<String, String> log = Map.copyOf(traffic.sent);
        assertThat(log).hasSizeGreaterThan(100);
        await().atMost(Duration.ofSeconds(60)).until(() -> eventsIn(3).size() >= log.size());

        assertThat(ProjectionGenerations.activeGeneration(db)).isEqualTo(3);
        Map<String, Integer> kept = eventsIn(3);
        assertThat(kept.keySet()).as("every enrolment of the log").isEqualTo(log.keySet());
        assertThat(kept.values()).as("each once").allMatch(n -> n == 1);
        assertThat(db.getCollection(ProjectionNames.journeys(3)).countDocuments()).isEqualTo(log.size());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(collections())
                .doesNotContain(ProjectionNames.journeys(1), ProjectionNames.journeys(2),
                        ProjectionNames.journeyMonths(1), ProjectionNames.journeyMonths(2)));
    }
}
