package org.tend.plumbing.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.CloudEventRecords;
import org.tend.plumbing.messaging.MessagingAutoConfiguration;
import org.tend.testsupport.EmbeddedMongo;

/** The outbox keeps every entry until the broker has acknowledged it, and lets sent ones go after its retention. */
class AuditPublisherTest {

    static final Instant NOW = Instant.parse("2026-06-01T09:00:00Z");
    static final AuditSettings SETTINGS = new AuditSettings("goal-service", Duration.ofDays(400), Duration.ofDays(7),
            Duration.ofSeconds(1), 3, Duration.ofSeconds(5), Duration.ofHours(1));

    MongoClient client;
    MongoDatabase database;
    AuditOutbox outbox;
    Broker broker;
    MutableClock clock;

    /** A producer whose broker can be away. */
    static final class Broker extends MockProducer<String, byte[]> {
        volatile boolean away;

        Broker() {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
        }

        /** KafkaTemplate closes its producer after each send; this one stays, to keep its history. */
        @Override
        public void close() {
        }

        @Override
        public void close(Duration timeout) {
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            if (away) {
                TimeoutException e = new TimeoutException("Topic tend.audit.entries not present in metadata");
                if (callback != null) {
                    callback.onCompletion(null, e);
                }
                return CompletableFuture.failedFuture(e);
            }
            return super.send(record, callback);
        }
    }

    static final class MutableClock extends Clock {
        Instant now = NOW;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @BeforeEach
    void setUp() {
        client = MongoClients.create(EmbeddedMongo.connectionString());
        database = client.getDatabase("audit-" + UUID.randomUUID().toString().substring(0, 8));
        outbox = new AuditOutbox(database);
        broker = new Broker();
        clock = new MutableClock();
    }

    @AfterEach
    void tearDown() {
        database.drop();
        client.close();
    }

    AuditPublisher publisher(KafkaTemplate<String, byte[]> kafka) {
        return new AuditPublisher(outbox, kafka, new CloudEventRecords(MessagingAutoConfiguration.integrationJson(),
                "/tend/goal-service"), clock, SETTINGS);
    }

    AuditEntry recorded(int minutesAgo) {
        AuditEntry entry = AuditEntry.of("p_q2r3s4t5u6v7w2x3y4z5a6b7c2", List.of("practitioner"), "GET",
                "/api/goals", "p_a2b3c4d5e6f7g2h3i4j5k6l7m2", 200, "goal-service",
                NOW.minus(Duration.ofMinutes(minutesAgo)));
        outbox.append(entry);
        return entry;
    }

    @Test
    void entriesWaitInTheOutboxWhileTheBrokerIsAwayAndAreSentOnceItIsBack() throws Exception {
        AuditPublisher publisher = publisher(new KafkaTemplate<>(new MockProducerFactory<>(() -> broker)));
        List<AuditEntry> entries = List.of(recorded(5), recorded(4), recorded(3), recorded(2));

        broker.away = true;
        assertThat(publisher.publishPending()).isZero();
        assertThat(publisher.publishPending()).isZero();
        assertThat(outbox.unsentCount()).isEqualTo(4);
        assertThat(broker.history()).isEmpty();

        broker.away = false;
        assertThat(publisher.publishPending()).isEqualTo(3); // one batch, oldest first
        assertThat(publisher.publishPending()).isEqualTo(1);
        assertThat(publisher.publishPending()).isZero();
        assertThat(outbox.unsentCount()).isZero();

        List<ProducerRecord<String, byte[]>> sent = broker.history();
        assertThat(sent).extracting(r -> header(r, "ce_id"))
                .containsExactlyElementsOf(entries.stream().map(AuditEntry::entryId).toList());
        ContractValidator contracts = ContractValidator.load();
        for (ProducerRecord<String, byte[]> record : sent) {
            assertThat(record.topic()).isEqualTo(EventTypes.AUDIT_TOPIC);
            assertThat(record.key()).isEqualTo("p_q2r3s4t5u6v7w2x3y4z5a6b7c2");
            assertThat(header(record, "ce_type")).isEqualTo(EventTypes.AUDIT_ENTRY_RECORDED_V1);
            assertThat(header(record, "ce_source")).isEqualTo("/tend/goal-service");
            assertThat(contracts.validate(EventTypes.AUDIT_ENTRY_RECORDED_V1, record.value())).isEmpty();
            JsonNode data = new ObjectMapper().readTree(record.value());
            assertThat(data.path("entryId").asText()).isEqualTo(header(record, "ce_id"));
        }
    }

    /** A real producer with nowhere to send: the round gives up after one wait, not one wait per entry. */
    @Test
    void anUnreachableBrokerCostsOneWaitPerRoundAndLosesNothing() {
        KafkaTemplate<String, byte[]> unreachable = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
        try {
            recorded(3);
            recorded(2);
            recorded(1);
            long began = System.nanoTime();
            assertThat(publisher(unreachable).publishPending()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(3));
            assertThat(outbox.unsentCount()).isEqualTo(3);
        } finally {
            unreachable.destroy();
        }
    }

    @Test
    void sentEntriesAreDeletedAfterTheOutboxRetentionUnsentOnesNever() {
        AuditPublisher publisher = publisher(new KafkaTemplate<>(new MockProducerFactory<>(() -> broker)));
        recorded(2);
        recorded(1);
        publisher.publishPending();
        broker.away = true;
        recorded(0);

        clock.now = NOW.plus(Duration.ofDays(7)).minusSeconds(1);
        assertThat(publisher.purgeSent()).isZero();
        clock.now = NOW.plus(Duration.ofDays(7)).plusSeconds(1);
        assertThat(publisher.purgeSent()).isEqualTo(2);
        clock.now = NOW.plus(Duration.ofDays(1000));
        assertThat(publisher.purgeSent()).isZero();
        assertThat(outbox.unsentCount()).isEqualTo(1);
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
