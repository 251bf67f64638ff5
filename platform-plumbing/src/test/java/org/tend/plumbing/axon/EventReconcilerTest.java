package org.tend.plumbing.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tracking processor on a Mongo event store, the ledger and the reconciler, without Spring. An event written with a
 * timestamp behind the processor's position (minus its look-back) is never fetched by the processor; the reconciler
 * hands it over once, never a second time, and leaves an event inside the grace period to its processor.
 */
class EventReconcilerTest {

    static final Duration LOOK_BACK = Duration.ofSeconds(5);

    public record Note(String text) {
    }

    @ProcessingGroup("notes")
    public static class Notes {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(Note note) {
            seen.add(note.text());
        }
    }

    /** The reconciler's "now", which a test can move on. */
    static final class MovableClock extends Clock {
        volatile Duration offset = Duration.ZERO;

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    MongoServer server;
    MongoClient client;
    MongoDatabase database;
    EventStorageEngine storage;
    HandledEventLedger ledger;
    Notes notes;
    Configuration axon;
    MovableClock clock;
    EventReconciler reconciler;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        database = client.getDatabase("reconciler-test");
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        DefaultMongoTemplate template = DefaultMongoTemplate.builder().mongoDatabase(client, "reconciler-test").build();
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder().mongoTemplate(template)
                .eventSerializer(serializer).snapshotSerializer(serializer)
                .storageStrategy(new DocumentPerEventStorageStrategy(EventEntryConfiguration.getDefault(), LOOK_BACK))
                .build();
        engine.ensureIndexes();
        storage = engine;
        ledger = new HandledEventLedger(database, Duration.ofMinutes(20), Clock.systemUTC());
        notes = new Notes();
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> engine)
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor("notes", c -> c.eventStore(),
                                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                        .andBatchSize(50).andEventAvailabilityTimeout(100, TimeUnit.MILLISECONDS))
                        .registerTokenStore(c -> new InMemoryTokenStore())
                        .registerEventHandler(c -> notes)
                        .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                        .registerDefaultHandlerInterceptor((c, processor) -> new LedgerInterceptor(processor, ledger)))
                .buildConfiguration();
        axon.start();
        clock = new MovableClock();
        reconciler = new EventReconciler(() -> axon, template.eventCollection(), ledger,
                new EventReconciler.Settings(Duration.ofMinutes(10), Duration.ofSeconds(30), LOOK_BACK), clock,
                new ReconciliationMetrics(new SimpleMeterRegistry()));
    }

    @AfterEach
    void stop() {
        axon.shutdown();
        client.close();
        server.shutdownNow();
    }

    void publish(String text) {
        axon.eventBus().publish(GenericEventMessage.asEventMessage(new Note(text)));
    }

    /** Written straight into the store, stamped {@code age} ago: a commit that became visible late. */
    void writeLate(String text, Duration age) {
        storage.appendEvents(new GenericDomainEventMessage<>("Note", UUID.randomUUID().toString(), 0,
                new Note(text), Map.of(), UUID.randomUUID().toString(), Instant.now().minus(age)));
    }

    void awaitSeen(String text) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!notes.seen.contains(text) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(notes.seen).as("events the processor handled").contains(text);
    }

    long times(String text) {
        return notes.seen.stream().filter(text::equals).count();
    }

    @Test
    void anEventStampedBehindTheProcessorIsSkippedByItAndRedeliveredExactlyOnce() throws Exception {
        publish("before");
        awaitSeen("before");
        writeLate("late", Duration.ofMinutes(5));
        publish("after");
        awaitSeen("after");
        Thread.sleep(300);
        assertThat(notes.seen).as("the processor itself never fetches the late event").doesNotContain("late");

        EventReconciler.Reconciliation first = reconciler.reconcile();
        assertThat(first.processors().get("notes").redelivered()).isEqualTo(1);
        assertThat(first.processors().get("notes").pending()).isZero();
        assertThat(first.succeeded()).isTrue();
        assertThat(times("late")).isEqualTo(1);

        EventReconciler.Reconciliation second = reconciler.reconcile();
        assertThat(second.processors().get("notes").redelivered()).as("the ledger remembers the redelivery")
                .isZero();
        clock.offset = Duration.ofMinutes(1);
        assertThat(reconciler.reconcile().processors().get("notes").redelivered()).isZero();
        assertThat(times("late")).isEqualTo(1);
        assertThat(times("before")).as("what the processor handled is never redelivered").isEqualTo(1);
        assertThat(times("after")).isEqualTo(1);
    }

    @Test
    void anEventInsideTheGracePeriodIsLeftToItsProcessorUntilTheGraceHasPassed() throws Exception {
        publish("before");
        awaitSeen("before");
        writeLate("recent", Duration.ofSeconds(15));
        Thread.sleep(300);
        assertThat(notes.seen).doesNotContain("recent");

        EventReconciler.Reconciliation inGrace = reconciler.reconcile();
        assertThat(inGrace.processors().get("notes").redelivered()).isZero();
        assertThat(inGrace.processors().get("notes").pending()).as("counted as pending meanwhile").isEqualTo(1);
        assertThat(notes.seen).doesNotContain("recent");

        clock.offset = Duration.ofSeconds(30);
        EventReconciler.Reconciliation afterGrace = reconciler.reconcile();
        assertThat(afterGrace.processors().get("notes").redelivered()).isEqualTo(1);
        assertThat(afterGrace.processors().get("notes").pending()).isZero();
        assertThat(times("recent")).isEqualTo(1);
    }

    @Test
    void anEventOlderThanTheWindowIsNotLookedAt() throws Exception {
        publish("before");
        awaitSeen("before");
        writeLate("ancient", Duration.ofMinutes(11));

        assertThat(reconciler.reconcile().processors().get("notes").redelivered()).isZero();
        assertThat(notes.seen).doesNotContain("ancient");
    }

    @Test
    void aBatchIsRecordedInOneWrite() throws Exception {
        List<GenericEventMessage<Note>> batch = java.util.stream.IntStream.range(0, 40)
                .mapToObj(i -> new GenericEventMessage<>(new Note("n" + i))).toList();
        axon.eventBus().publish(batch);
        awaitSeen("n39");
        Thread.sleep(200);

        assertThat(ledger.handledBy("notes")).hasSize(40);
        assertThat(database.getCollection(HandledEventLedger.COLLECTION).countDocuments())
                .as("ledger writes for 40 events handled in batches of up to 50").isLessThan(40);
    }
}
