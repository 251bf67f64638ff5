package org.tend.plumbing.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.CloudEventRecords;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.messaging.MessagingAutoConfiguration;
import org.tend.plumbing.instance.InstanceId;
import org.tend.plumbing.instance.Leases;
import org.tend.testsupport.EmbeddedMongo;

/** An outbox entry is sent at least once and never lost: not while the broker is away, not when put twice. */
class EventOutboxTest {

    static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");
    static final String KEY = "p_a2b3c4d5e6f7g2h3i4j5k6l7m2";

    /** A producer whose broker can be away; it keeps its history across KafkaTemplate's closes. */
    static final class Broker extends MockProducer<String, byte[]> {
        volatile boolean away;

        Broker() {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public void close() {
        }

        @Override
        public void close(Duration timeout) {
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            if (away) {
                TimeoutException e = new TimeoutException("Topic tend.progress.events not present in metadata");
                if (callback != null) {
                    callback.onCompletion(null, e);
                }
                return CompletableFuture.failedFuture(e);
            }
            return super.send(record, callback);
        }
    }

    MongoClient client;
    MongoDatabase database;
    EventOutbox outbox;
    Broker broker;
    OutboxRelay relay;
    Clock clock = Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC);

    @BeforeEach
    void setUp() {
        client = MongoClients.create(EmbeddedMongo.connectionString());
        database = client.getDatabase("outbox-" + UUID.randomUUID().toString().substring(0, 8));
        outbox = new EventOutbox(database, "sample_outbox");
        broker = new Broker();
        relay = new OutboxRelay(outbox, new KafkaTemplate<>(new MockProducerFactory<>(() -> broker)),
                new CloudEventRecords(MessagingAutoConfiguration.integrationJson(), "/tend/progress-service"), clock,
                Duration.ofSeconds(5), 2);
    }

    @AfterEach
    void tearDown() {
        database.drop();
        client.close();
    }

    static OutboxEntry entry(String id, int minutes) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("participantId", KEY);
        data.put("n", minutes);
        data.put("nothing", null);
        return new OutboxEntry(id, EventTypes.PROGRESS_TOPIC, T0.plus(Duration.ofMinutes(minutes)),
                new IntegrationEvent(EventTypes.OUTCOME_ASSESSED_V1, KEY, data));
    }

    static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void entriesWaitWhileTheBrokerIsAwayAndAreSentOnceInTimeOrderWhenItIsBack() {
        outbox.put(List.of(entry("e-3", 3), entry("e-1", 1)));
        outbox.put(List.of(entry("e-2", 2), entry("e-1", 1))); // e-1 again: a redelivered input

        broker.away = true;
        assertThat(relay.publishPending()).isZero();
        assertThat(outbox.unsentCount()).isEqualTo(3);
        assertThat(broker.history()).isEmpty();

        broker.away = false;
        assertThat(relay.publishPending()).isEqualTo(2);
        assertThat(relay.publishPending()).isEqualTo(1);
        assertThat(relay.publishPending()).isZero();
        assertThat(outbox.unsentCount()).isZero();
        List<ProducerRecord<String, byte[]>> sent = broker.history();
        assertThat(sent).extracting(r -> header(r, "ce_id")).containsExactly("e-1", "e-2", "e-3");
        ProducerRecord<String, byte[]> first = sent.get(0);
        assertThat(first.topic()).isEqualTo(EventTypes.PROGRESS_TOPIC);
        assertThat(first.key()).isEqualTo(KEY);
        assertThat(header(first, "ce_type")).isEqualTo(EventTypes.OUTCOME_ASSESSED_V1);
        assertThat(header(first, "ce_source")).isEqualTo("/tend/progress-service");
        assertThat(header(first, "ce_time")).isEqualTo("2026-06-01T09:01:00Z");
        assertThat(new String(first.value(), StandardCharsets.UTF_8))
                .isEqualTo("{\"participantId\":\"" + KEY + "\",\"n\":1,\"nothing\":null}");
    }

    @Test
    void anEntryPutAgainIsNotSentAgainWhileKeptAndSentAgainWithItsIdOncePurged() {
        outbox.put(List.of(entry("e-1", 1)));
        assertThat(relay.publishPending()).isEqualTo(1);

        outbox.put(List.of(entry("e-1", 1)));
        assertThat(relay.publishPending()).isZero();

        assertThat(outbox.purgeSentBefore(T0)).as("sent after the cutoff: kept").isZero();
        assertThat(outbox.purgeSentBefore(clock.instant().plusSeconds(1))).isEqualTo(1);
        outbox.put(List.of(entry("e-1", 1)));
        assertThat(relay.publishPending()).isEqualTo(1);
        assertThat(broker.history()).extracting(r -> header(r, "ce_id")).containsExactly("e-1", "e-1");
    }

    @Test
    void unsentEntriesAreNeverPurged() {
        outbox.put(List.of(entry("e-1", 1)));
        broker.away = true;
        relay.publishPending();

        assertThat(outbox.purgeSentBefore(clock.instant().plus(Duration.ofDays(365)))).isZero();
        assertThat(outbox.find("e-1")).get().satisfies(doc -> assertThat(doc.containsKey("sentAt")).isFalse());
    }

    /**
     * Two instances' publishers on one outbox: one relays (each entry once, in order), the other waits; when the
     * relaying one dies (stopped without giving its lease back), the other carries on once the lease has run out.
     */
    @Test
    void twoInstancesRelayOneOutboxOneAtATimeAndTheSecondTakesOverWhenTheFirstDies() {
        Clock system = Clock.systemUTC();
        Broker brokerA = new Broker();
        Broker brokerB = new Broker();
        OutboxPublisher a = publisher(brokerA, new Leases(database, new InstanceId("a"), system), system);
        OutboxPublisher b = publisher(brokerB, new Leases(database, new InstanceId("b"), system), system);
        for (int i = 1; i <= 40; i++) {
            outbox.put(List.of(entry(String.format("e-%02d", i), i)));
        }
        a.start();
        b.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> outbox.unsentCount() == 0);
            Broker relaying = brokerA.history().isEmpty() ? brokerB : brokerA;
            Broker waiting = relaying == brokerA ? brokerB : brokerA;
            OutboxPublisher holder = relaying == brokerA ? a : b;
            assertThat(relaying.history()).extracting(r -> header(r, "ce_id"))
                    .containsExactlyElementsOf(ids(1, 40));
            assertThat(waiting.history()).isEmpty();

            holder.stop(); // killed: its lease is not released, it runs out
            long died = System.nanoTime();
            for (int i = 41; i <= 45; i++) {
                outbox.put(List.of(entry(String.format("e-%02d", i), i)));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> outbox.unsentCount() == 0);
            System.out.printf("outbox relay taken over %d ms after its holder died%n",
                    (System.nanoTime() - died) / 1_000_000);
            assertThat(waiting.history()).extracting(r -> header(r, "ce_id"))
                    .containsExactlyElementsOf(ids(41, 45));
            assertThat(relaying.history()).hasSize(40);
        } finally {
            a.stop();
            b.stop();
        }
    }

    private OutboxPublisher publisher(Broker broker, Leases leases, Clock clock) {
        OutboxRelay relay = new OutboxRelay(outbox, new KafkaTemplate<>(new MockProducerFactory<>(() -> broker)),
                new CloudEventRecords(MessagingAutoConfiguration.integrationJson(), "/tend/progress-service"), clock,
                Duration.ofSeconds(5), 3);
        return new OutboxPublisher(outbox, relay, clock, Duration.ofMillis(20), Duration.ofDays(7),
                Duration.ofHours(1)).exclusive(leases);
    }

    private static List<String> ids(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).mapToObj(i -> String.format("e-%02d", i)).toList();
    }
}
