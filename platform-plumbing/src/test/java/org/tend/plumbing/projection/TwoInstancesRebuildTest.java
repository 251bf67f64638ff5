package org.tend.plumbing.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.messaging.ReceivedEvent;
import org.tend.plumbing.projection.RebuildStatus.State;
import org.tend.plumbing.web.ConflictException;
import org.tend.testsupport.EmbeddedMongo;

/**
 * Two instances of one service in one JVM, sharing one database, one broker and one consumer group, as the services
 * are about to run: each has its own {@link ProjectionGenerations}, live {@link ProjectionListener} (own consumer in
 * the shared group) and {@link RebuildService}, and nothing in memory is shared but the store and the clock.
 */
@EmbeddedKafka(partitions = 3, topics = EventTypes.ASSESSMENT_TOPIC)
class TwoInstancesRebuildTest {

    static final MongoClient CLIENT = MongoClients.create(EmbeddedMongo.connectionString());
    static final Duration LEASE = Duration.ofSeconds(30);
    /** So long that a test's instance never beats by itself: sweeps happen when the test asks (start, find). */
    static final Duration NO_BEAT = Duration.ofDays(1);

    final MongoDatabase db = CLIENT.getDatabase("two-" + UUID.randomUUID().toString().substring(0, 8));
    final MutableClock clock = new MutableClock(Instant.parse("2026-02-02T09:00:00Z"));
    final List<AutoCloseable> closing = new ArrayList<>();

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    /** A clock the test moves: the lease of an instance that died runs out when the test says so. */
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

    /**
     * Every event kept under its id ({@code seen_g<N>}: {@code _id} = event id, the programme it names): a generation
     * holds an event once or not at all, and comparing its ids with the log's says which.
     */
    static final class Seen implements Projection {
        private final MongoDatabase database;
        private final InboundEvents inbound = InboundEvents.reading(ContractValidator.load())
                .type(EventTypes.PROGRAMME_CREATED_V1, SampleProjectionTest.Created.class).build();
        /** Gates a live write waits at, after it has read its targets (one per write, while any are queued). */
        final BlockingQueue<Gate> gates = new LinkedBlockingQueue<>();
        private final int layout;

        Seen(MongoDatabase database) {
            this(database, 1);
        }

        Seen(MongoDatabase database, int layout) {
            this.database = database;
            this.layout = layout;
        }

        static final class Events implements Batch {
            final List<ReceivedEvent<?>> received = new ArrayList<>();

            @Override
            public void add(ReceivedEvent<?> event) {
                received.add(event);
            }

            @Override
            public int events() {
                return received.size();
            }
        }

        @Override
        public String name() {
            return "seen";
        }

        @Override
        public List<String> collections() {
            return List.of("seen");
        }

        @Override
        public int layout() {
            return layout;
        }

        @Override
        public List<String> topics() {
            return List.of(EventTypes.ASSESSMENT_TOPIC);
        }

        @Override
        public InboundEvents inbound() {
            return inbound;
        }

        @Override
        public Batch newBatch() {
            return new Events();
        }

        @Override
        public Written write(Batch batch, Collection<Integer> generations) {
            List<ReceivedEvent<?>> received = ((Events) batch).received;
            Gate gate = gates.poll();
            if (gate != null) {
                gate.hold(List.copyOf(generations), received.size());
            }
            for (int generation : generations) {
                for (ReceivedEvent<?> event : received) {
                    SampleProjectionTest.Created created = (SampleProjectionTest.Created) event.data();
                    database.getCollection(Projection.collection("seen", generation)).updateOne(
                            Filters.eq("_id", event.id()), Updates.set("programmeId", created.programmeId()),
                            new UpdateOptions().upsert(true));
                }
            }
            return new Written(received.size(), received.size() * generations.size());
        }
    }

    /** Holds one live write after it has read its targets, until released: the instance "learns late". */
    static final class Gate {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);
        volatile List<Integer> targets;
        volatile int events;

        void hold(List<Integer> targets, int events) {
            this.targets = targets;
            this.events = events;
            reached.countDown();
            try {
                released.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void awaitReached() throws InterruptedException {
            assertThat(reached.await(30, TimeUnit.SECONDS)).as("a live write reached the gate").isTrue();
        }
    }

    /** One instance of the service: its own generations, live listener and rebuilds; the store and broker shared. */
    final class Instance implements AutoCloseable {
        final String id;
        final Seen projection;
        final ProjectionGenerations generations;
        final RebuildService rebuilds;
        private final ProjectionListener listener;
        private volatile boolean stopping;
        private Thread live;

        Instance(String id, RebuildService.Engine engine, Duration heartbeat) {
            this(id, engine, heartbeat, 1);
        }

        Instance(String id, RebuildService.Engine engine, Duration heartbeat, int layout) {
            this.id = id;
            this.projection = new Seen(db, layout);
            this.generations = new ProjectionGenerations(db, clock, projection);
            this.listener = new ProjectionListener(projection, generations, Duration.ofSeconds(5));
            this.rebuilds = new RebuildService(generations, engine, db, clock, Duration.ZERO,
                    new RebuildService.Coordination(id, LEASE, heartbeat));
            closing.add(this);
        }

        /** Consumes the topic in the shared group, each poll through the live listener, then commits. */
        Instance live(String bootstrap) {
            live = new Thread(() -> {
                try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "two-instances-" + db.getName(),
                        ConsumerConfig.CLIENT_ID_CONFIG, "live-" + id,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20,
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
                    consumer.subscribe(List.of(EventTypes.ASSESSMENT_TOPIC));
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
            return this;
        }

        @Override
        public void close() throws Exception {
            stopping = true;
            projection.gates.forEach(gate -> gate.released.countDown());
            if (live != null) {
                live.join(10_000);
            }
            rebuilds.close();
        }
    }

    long count(int generation) {
        return db.getCollection(Projection.collection("seen", generation)).countDocuments();
    }

    Set<String> programmes(int generation) {
        Set<String> ids = new HashSet<>();
        for (Document doc : db.getCollection(Projection.collection("seen", generation)).find()) {
            ids.add(doc.getString("programmeId"));
        }
        return ids;
    }

    List<String> collections() {
        return db.listCollectionNames().into(new ArrayList<>());
    }

    /** Sends a programme-created event every few milliseconds until stopped; remembers what the broker took. */
    static final class Traffic implements AutoCloseable {
        final List<String> sent = new CopyOnWriteArrayList<>();
        private volatile boolean stopping;
        private final Thread thread;

        Traffic(String bootstrap) {
            thread = new Thread(() -> {
                try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
                    while (!stopping) {
                        String programme = UUID.randomUUID().toString();
                        producer.send(SampleProjectionTest.created(programme, 5)).get();
                        sent.add(programme);
                        Thread.sleep(5);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "traffic");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            stopping = true;
            thread.join(10_000);
        }
    }

    @Test
    void aRebuildOnOneInstanceWhileBothWriteLiveHoldsEveryEventOnceThoughTheOtherLearnsLate(
            EmbeddedKafkaBroker broker) throws Exception {
        String bootstrap = broker.getBrokersAsString();
        RebuildRunner runner = new RebuildRunner(bootstrap, new Seen(db), RebuildRunner.Options.defaults()
                .withFoldEvents(50));
        AtomicReference<RebuildProgress> running = new AtomicReference<>();
        CountDownLatch readUpToTheEnd = new CountDownLatch(1);
        CountDownLatch mayActivate = new CountDownLatch(1);
        // Instance a's rebuild: the production runner, held after it has read up to its end offsets so that the
        // test decides when the switch happens.
        Instance a = new Instance("instance-a", (generation, progress, stop) -> {
            running.set(progress);
            runner.run(generation, progress, stop);
            readUpToTheEnd.countDown();
            try {
                mayActivate.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Duration.ofMillis(200)).live(bootstrap);
        Instance b = new Instance("instance-b", (generation, progress, stop) -> {
            throw new AssertionError("b runs no rebuild here");
        }, Duration.ofMillis(200)).live(bootstrap);
        Traffic traffic = new Traffic(bootstrap);
        closing.add(traffic);

        await().atMost(Duration.ofSeconds(60)).until(() -> count(1) > 50);

        // b has read its targets (generation 1 alone) for a batch it polled, and is held there...
        Gate stale = new Gate();
        b.projection.gates.add(stale);
        stale.awaitReached();
        assertThat(stale.targets).containsExactly(1);
        // ... while a rebuild starts on a and captures the end offsets it will read up to.
        RebuildStatus started = a.rebuilds.start();
        assertThat(started.generation()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> running.get() != null
                && running.get().targetOffsetsTotal() > 0);
        assertThat(b.rebuilds.find(started.rebuildId()).orElseThrow().state())
                .as("the other instance sees the rebuild in the store").isEqualTo(State.RUNNING);
        assertThatThrownBy(b.rebuilds::start).as("one rebuild at a time across instances")
                .isInstanceOf(ConflictException.class).hasMessageContaining(started.rebuildId());
        // b writes its batch into generation 1 only: the rebuild must bring those events to generation 2.
        stale.released.countDown();

        // Both write live into both generations while the rebuild reads; then b is held again with both targets
        // in hand, across the switch and the drop of generation 1.
        readUpToTheEnd.await(60, TimeUnit.SECONDS);
        Gate late = new Gate();
        b.projection.gates.add(late);
        late.awaitReached();
        assertThat(late.targets).containsExactly(1, 2);
        mayActivate.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> b.rebuilds.find(started.rebuildId()).orElseThrow()
                .state() == State.CAUGHT_UP);
        await().atMost(Duration.ofSeconds(10)).until(() -> !collections().contains("seen_g1"));
        // b's late write goes into the dropped generation too; b drops it again once written.
        late.released.countDown();

        Thread.sleep(500);
        traffic.close();
        assertThat(stale.events).isPositive();
        assertThat(late.events).isPositive();
        Set<String> log = new HashSet<>(traffic.sent);
        assertThat(log).hasSizeGreaterThan(100);
        await().atMost(Duration.ofSeconds(60)).until(() -> count(2) >= log.size());

        assertThat(ProjectionGenerations.activeGeneration(db)).isEqualTo(2);
        assertThat(count(2)).as("every event of the log once").isEqualTo(log.size());
        assertThat(programmes(2)).isEqualTo(log);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(collections()).as("no write left a dropped generation behind")
                        .doesNotContain("seen_g1"));
        assertThat(a.generations.targets()).containsExactly(2);
        assertThat(b.generations.targets()).containsExactly(2);
    }

    /** An engine that writes one event into its generation and then waits until released or stopped. */
    static RebuildService.Engine heldEngine(MongoDatabase db, CountDownLatch release) {
        return (generation, progress, stop) -> {
            db.getCollection(Projection.collection("seen", generation)).insertOne(new Document("_id", "rebuilt"));
            progress.wrote(1, 1);
            try {
                while (!release.await(20, TimeUnit.MILLISECONDS)) {
                    if (stop.getAsBoolean()) {
                        throw new java.util.concurrent.CancellationException("stopped");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void whenTheRebuildingInstanceDiesTheOtherAbandonsItsGenerationOnceTheLeaseRunsOutAndCanRebuildAgain() {
        db.getCollection("seen_g1").insertOne(new Document("_id", "served").append("programmeId", "p"));
        CountDownLatch zombie = new CountDownLatch(1);
        // a "dies" mid-rebuild: its engine never returns and its heartbeat never beats (kill -9: no clean-up runs).
        Instance a = new Instance("instance-a", heldEngine(db, zombie), NO_BEAT);
        Instance b = new Instance("instance-b", heldEngine(db, new CountDownLatch(0)), NO_BEAT);

        RebuildStatus started = a.rebuilds.start();
        assertThat(b.rebuilds.find(started.rebuildId()).orElseThrow().state()).isEqualTo(State.RUNNING);
        assertThat(b.rebuilds.current().orElseThrow().rebuildId()).isEqualTo(started.rebuildId());
        assertThatThrownBy(b.rebuilds::start).isInstanceOf(ConflictException.class)
                .hasMessageContaining("instance-a");

        clock.advance(LEASE.plusSeconds(1));

        RebuildStatus failed = b.rebuilds.find(started.rebuildId()).orElseThrow();
        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.failure()).contains("instance-a", "lease");
        assertThat(failed.finishedAt()).isNotNull();
        assertThat(b.generations.state().building()).isNull();
        assertThat(ProjectionGenerations.activeGeneration(db)).isEqualTo(1);
        assertThat(collections()).contains("seen_g1").doesNotContain("seen_g2");
        assertThat(count(1)).as("the served generation is untouched").isEqualTo(1);
        assertThat(b.rebuilds.current()).isEmpty();

        RebuildStatus again = b.rebuilds.start();
        assertThat(again.generation()).as("the abandoned number is not handed out again").isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.rebuilds.find(again.rebuildId()).orElseThrow()
                .state() == State.CAUGHT_UP);
        assertThat(ProjectionGenerations.activeGeneration(db)).isEqualTo(3);

        // The dead instance comes back to life: its engine returns, but its lease is gone and it cannot switch.
        zombie.countDown();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(a.rebuilds.current()).isEmpty());
        assertThat(ProjectionGenerations.activeGeneration(db)).isEqualTo(3);
        assertThat(a.rebuilds.find(started.rebuildId()).orElseThrow().state()).isEqualTo(State.FAILED);
        assertThat(collections()).doesNotContain("seen_g2");
    }

    @Test
    void anInstanceStartingWhileAnotherRebuildsLeavesTheRebuildRunning() {
        CountDownLatch release = new CountDownLatch(1);
        Instance a = new Instance("instance-a", heldEngine(db, release), Duration.ofMillis(100));
        RebuildStatus started = a.rebuilds.start();
        clock.advance(Duration.ofSeconds(10));

        // A new instance starts (generations and rebuilds made, as at a service's start-up).
        Instance c = new Instance("instance-c", heldEngine(db, new CountDownLatch(0)), NO_BEAT);

        assertThat(c.rebuilds.find(started.rebuildId()).orElseThrow().state()).isEqualTo(State.RUNNING);
        assertThat(c.generations.state().building()).isEqualTo(2);
        assertThat(collections()).contains("seen_g2");
        // The lease is renewed: past the time the first lease ran out, the rebuild still runs.
        clock.advance(LEASE.minusSeconds(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> a.generations.state().leaseUntil()
                .isAfter(clock.instant().plus(LEASE).minusSeconds(1)));
        c.rebuilds.sweep();
        assertThat(c.rebuilds.find(started.rebuildId()).orElseThrow().state()).isEqualTo(State.RUNNING);

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> c.rebuilds.find(started.rebuildId()).orElseThrow()
                .state() == State.CAUGHT_UP);
        assertThat(ProjectionGenerations.activeGeneration(db)).isEqualTo(2);
        assertThat(count(2)).isEqualTo(1);
    }

    @Test
    void anUpgradesRebuildWhoseInstanceDiedIsStartedAgainByAnotherOnceTheLeaseRunsOut() {
        // The served generation was written by the previous version, in layout 1; this one reads layout 2.
        new ProjectionGenerations(db, clock, new Seen(db, 1));
        Instance a = new Instance("instance-a", heldEngine(db, new CountDownLatch(1)), NO_BEAT, 2);
        assertThat(a.generations.servesOutdatedLayout()).isTrue();
        // As each instance's start-up does: a starts the rebuild, b finds it running; then a dies.
        RebuildStatus first = a.rebuilds.startUnlessRunning().orElseThrow();
        Instance b = new Instance("instance-b", heldEngine(db, new CountDownLatch(0)), Duration.ofMillis(100), 2);
        assertThat(b.rebuilds.startUnlessRunning()).isEmpty();

        clock.advance(LEASE.plusSeconds(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> !b.generations.servesOutdatedLayout());
        assertThat(ProjectionGenerations.activeGeneration(db)).isEqualTo(3);
        assertThat(b.rebuilds.find(first.rebuildId()).orElseThrow().state()).isEqualTo(State.FAILED);
    }
}
