package org.tend.progress.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.tend.contracts.ContractValidator;
import org.tend.plumbing.messaging.MalformedEventException;
import org.tend.plumbing.messaging.Outages;
import org.tend.plumbing.projection.ProjectionGenerations;
import org.tend.progress.TestEvents;
import org.tend.progress.query.JourneyQueries;
import org.tend.progress.query.ProjectionEvents;
import org.tend.progress.query.JourneyProjection;
import org.tend.progress.query.ProjectionNames;
import org.tend.progress.query.ProjectionWriter;
import org.tend.progress.query.TestDatabases;

class JourneyProjectionListenerTest {

    static final String ALICE = "p_aaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String BOB = "p_bbbbbbbbbbbbbbbbbbbbbbbbbb";
    static final String CAROL = "p_cccccccccccccccccccccccccc";
    static final String PROGRAMME = "0b6c2f4e-1d2a-4c3b-9e8f-7a6b5c4d3e2f";
    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    static List<ConsumerRecord<String, byte[]>> consumed(List<ProducerRecord<String, byte[]>> records) {
        return java.util.stream.IntStream.range(0, records.size())
                .mapToObj(i -> TestEvents.consumed(records.get(i), i)).toList();
    }

    @Test
    void aPoisonRecordIsNamedByItsIndexAfterTheRecordsBeforeItAreWritten() {
        MongoDatabase db = TestDatabases.fresh();
        ProjectionGenerations generations = ProjectionNames.generations(db, Clock.systemUTC());
        JourneyProjectionListener listener = new JourneyProjectionListener(
                new JourneyProjection(new ProjectionWriter(db), new ProjectionEvents(ContractValidator.load())), generations, Duration.ofSeconds(1));
        List<ConsumerRecord<String, byte[]>> batch = consumed(List.of(
                TestEvents.enrolled(ALICE, PROGRAMME, null, T0),
                TestEvents.goalRatedByLoginSubject(ALICE, T0),
                TestEvents.enrolled(BOB, PROGRAMME, null, T0)));

        assertThatThrownBy(() -> listener.onBatch(batch)).isInstanceOfSatisfying(BatchListenerFailedException.class,
                e -> {
                    assertThat(e.getIndex()).isEqualTo(1);
                    assertThat(e.getCause()).isInstanceOf(MalformedEventException.class);
                });
        JourneyQueries queries = TestDatabases.queries(db);
        assertThat(queries.find(1, ALICE)).isPresent();
        assertThat(queries.find(1, BOB)).isEmpty();
    }

    @Test
    void aRecordWhoseWriteTheStoreRefusesIsNamedAloneAndTheRecordsBeforeItAreWritten() {
        List<ConsumerRecord<String, byte[]>> batch = consumed(List.of(
                TestEvents.enrolled(ALICE, PROGRAMME, null, T0),
                TestEvents.enrolled(BOB, PROGRAMME, null, T0),
                TestEvents.enrolled(CAROL, PROGRAMME, null, T0)));
        List<String> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        JourneyProjectionListener listener = new JourneyProjectionListener(
                new ProjectionEvents(ContractValidator.load()).inbound(), changes -> {
                    if (changes.stream().anyMatch(change -> BOB.equals(change.key()))) {
                        throw new MongoWriteException(new WriteError(57, "DottedFieldName", new BsonDocument()),
                                new ServerAddress());
                    }
                    changes.forEach(change -> written.add(change.key()));
                }, Duration.ofSeconds(1));

        assertThatThrownBy(() -> listener.onBatch(batch)).isInstanceOfSatisfying(BatchListenerFailedException.class,
                e -> {
                    assertThat(e.getIndex()).as("only Bob's record goes to the dead letters").isEqualTo(1);
                    assertThat(e.getCause()).isInstanceOf(MongoWriteException.class);
                });
        assertThat(written).as("the record before it is written; the one after is delivered again")
                .containsExactly(ALICE);
    }

    @Test
    void aStoreOutageLongerThanTheListenerWaitsIsNamedAtTheFirstUnwrittenRecordSoItIsRetriedNotDeadLettered() {
        List<ConsumerRecord<String, byte[]>> batch = consumed(List.of(
                TestEvents.enrolled(ALICE, PROGRAMME, null, T0),
                TestEvents.enrolled(BOB, PROGRAMME, null, T0)));
        JourneyProjectionListener listener = new JourneyProjectionListener(
                new ProjectionEvents(ContractValidator.load()).inbound(), changes -> {
                    throw new MongoNotPrimaryException(new BsonDocument("code", new BsonInt32(10107)),
                            new ServerAddress());
                }, Duration.ofMillis(300));

        assertThatThrownBy(() -> listener.onBatch(batch)).isInstanceOfSatisfying(BatchListenerFailedException.class,
                e -> {
                    assertThat(e.getIndex()).isZero();
                    assertThat(Outages.isOutage(e)).as("the error handler retries it without limit").isTrue();
                });
    }

    @Test
    void aShortStoreOutageDelaysTheBatchInsteadOfDeadLetteringIt() throws Exception {
        MongoServer server = new MongoServer(new MemoryBackend());
        int port = server.bind().getPort();
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(300, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(300, TimeUnit.MILLISECONDS))
                .build();
        MongoServer restarted = null;
        try (MongoClient client = MongoClients.create(settings)) {
            MongoDatabase db = client.getDatabase("outage");
            ProjectionGenerations generations = ProjectionNames.generations(db, Clock.systemUTC());
            JourneyProjectionListener listener = new JourneyProjectionListener(
                new JourneyProjection(new ProjectionWriter(db), new ProjectionEvents(ContractValidator.load())), generations, Duration.ofSeconds(30));
            server.shutdownNow();

            CompletableFuture<Void> batch = CompletableFuture.runAsync(() -> listener.onBatch(consumed(List.of(
                    TestEvents.enrolled(ALICE, PROGRAMME, "ops", T0)))));
            Thread.sleep(1_500);
            assertThat(batch).isNotDone();
            restarted = new MongoServer(new MemoryBackend());
            restarted.bind("127.0.0.1", port);

            batch.get(30, TimeUnit.SECONDS);
            assertThat(TestDatabases.queries(db).find(1, ALICE)).isPresent();
        } finally {
            server.shutdownNow();
            if (restarted != null) {
                restarted.shutdownNow();
            }
        }
    }
}
